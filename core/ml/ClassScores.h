#pragma once
// What a classifier says about a batch, as plain row-major arrays. The built-in embedding bag (TextClassifier),
// the head over a text encoder (FeatureHead) and the image model (ImageClassifier) all answer with it, so the
// task models turn any of them into rows and strategy scores the same way (ml/ClassifierOutput.h).
#include <vector>

namespace marginalia::ml {

struct ClassScores
{
    int n = 0;
    int classes = 0;
    int dim = 0;
    std::vector<float> probs;           // n * classes: a softmax's rows sum to 1; multi-label, independent sigmoids
    std::vector<std::vector<float>> mc; // MC-dropout passes, each n * classes (only when asked for)
    std::vector<float> embeddings;      // n * dim, what the output layer reads (only when asked for)
};

} // namespace marginalia::ml
