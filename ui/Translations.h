#pragma once
#include <QString>

namespace marginalia::ui {

// Installs the translation for `choice` ("system", "en" or a locale name such as "zh_CN"), replacing the one
// installed before. Returns the locale actually used.
QString installTranslations(const QString &choice);

} // namespace marginalia::ui
