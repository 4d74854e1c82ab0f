#pragma once
// A TorchScript image backbone built in C++ for the transfer tests (no downloads): for each image, the largest row
// mean and the largest column mean (a bar across the image shows in one of the two), times a stored weight.
#include <QString>

bool writeTinyBackbone(const QString &path, int side, int channels, double scale = 1.0);
