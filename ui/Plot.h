#pragma once
// QCustomPlot's header still spells Qt's keyword macros (signals, foreach), which this project turns off
// because they clash with LibTorch. Map them to the Q_ forms for this one include only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
