#pragma once
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QListWidget *m_recent;
    QLabel *m_title;
    QLabel *m_recentHint;
    QPushButton *m_newButton;
    QPushButton *m_openButton;
    QPushButton *m_demoButton;
};

} // namespace marginalia::ui
