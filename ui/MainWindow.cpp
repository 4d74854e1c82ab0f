#include "ui/MainWindow.h"

#include <QLabel>

namespace marginalia::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Marginalia"));
    setCentralWidget(new QLabel(tr("Open a project to start labeling."), this));
    resize(1100, 720);
}

} // namespace marginalia::ui
