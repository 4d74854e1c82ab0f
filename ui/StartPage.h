#pragma once
#include <QWidget>

class QListWidget;

namespace marginalia::ui {

// Shown with no project open: recent projects, New project, Open, and the demo.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);
    void setRecent(const QStringList &paths);

Q_SIGNALS:
    void openRequested(const QString &path);
    void newRequested();
    void browseRequested();
    void demoRequested();

private:
    QListWidget *m_recent;
};

} // namespace marginalia::ui
