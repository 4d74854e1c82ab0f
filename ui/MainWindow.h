#pragma once
#include <QMainWindow>

namespace marginalia::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace marginalia::ui
