#pragma once
// The only way torch is included: Qt's keyword macros would break its headers. Never include this from a
// header that ui/ or app/ can see.
#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")
