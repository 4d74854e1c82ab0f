// Trains a SentencePiece model (the tests' tiny ones) in a process of its own: the trainer library carries its own
// protobuf, which must not meet LibTorch's in a test process (core/text/SentencePieceModule.h).
//   spm_train_helper "--input=FILE --model_prefix=PREFIX ..."
#include <cstdio>
#include <sentencepiece_trainer.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    const auto status = sentencepiece::SentencePieceTrainer::Train(argv[1]);
    if (!status.ok()) {
        std::fprintf(stderr, "%s\n", status.ToString().c_str());
        return 1;
    }
    return 0;
}
