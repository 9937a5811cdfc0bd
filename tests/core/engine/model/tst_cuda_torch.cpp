// The CUDA path: the same model on the CPU and on a CUDA device gives the same outputs, and a
// training pass keeps its tensors, masks and position buffers on the device. Without a CUDA device
// (the development machines and CI) every test here skips and says so; scripts/device-check.sh runs
// it on a GPU machine.
#include <QtTest>

#include "core/engine/model/MegatokenModel.h"
#include "core/engine/train/CompressionLoss.h"
#include "support/SmallModel.h"
#include "support/TestDevice.h"

using namespace megatoken;

namespace {

ModelConfig config()
{
    return testing::smallModelConfig();
}

torch::Tensor batchIds()
{
    return testing::paddedBatch({13, 5, 9, 2}, 5);
}

}  // namespace

class TestCuda : public QObject {
    Q_OBJECT
private slots:
    void forwardAgreesWithTheCpu_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("threshold") << int(MaskMode::Threshold);
        QTest::newRow("hard removal") << int(MaskMode::HardRemoval);
        QTest::newRow("soft") << int(MaskMode::Soft);
    }

    void forwardAgreesWithTheCpu()
    {
        MEGATOKEN_SKIP_WITHOUT_CUDA();
        QFETCH(int, mode);
        torch::manual_seed(2);
        MegatokenModel cpu(config());
        MegatokenModel cuda(config());
        {
            torch::NoGradGuard noGrad;
            const auto source = cpu->parameters();
            const auto target = cuda->parameters();
            for (std::size_t i = 0; i < source.size(); ++i) target[i].copy_(source[i]);
            const auto sourceBuffers = cpu->buffers();
            const auto targetBuffers = cuda->buffers();
            for (std::size_t i = 0; i < sourceBuffers.size(); ++i) targetBuffers[i].copy_(sourceBuffers[i]);
        }
        cuda->to(torch::Device("cuda"));
        cpu->eval();
        cuda->eval();
        torch::NoGradGuard noGrad;
        const auto ids = batchIds();
        const auto expected = cpu->forward(ids, static_cast<MaskMode>(mode)).logits;
        const auto actual = cuda->forward(ids.to(torch::kCUDA), static_cast<MaskMode>(mode)).logits;
        QVERIFY(actual.is_cuda());
        const double difference = (actual.to(torch::kCPU) - expected).abs().max().item<double>();
        QVERIFY2(difference < 1e-4, qPrintable(QString("CPU and CUDA logits differ by %1").arg(difference)));
    }

    void trainingPassStaysOnTheDevice()
    {
        MEGATOKEN_SKIP_WITHOUT_CUDA();
        torch::manual_seed(2);
        MegatokenModel model(config());
        model->to(torch::Device("cuda"));
        model->train();
        const auto ids = batchIds().to(torch::kCUDA);
        const auto encoded = model->encode(ids, MaskMode::StraightThrough);
        QVERIFY(encoded.hidden.is_cuda());
        for (const auto& gate : encoded.gates) QVERIFY(gate.kept.is_cuda());
        const auto mask = ids.ne(0);
        const auto logits = model->labelLogits(ids, encoded, mask);
        QVERIFY(logits.is_cuda());
        const auto labels = ids.masked_select(mask);
        const auto loss =
            torch::nn::functional::cross_entropy(logits, labels) + compressionLoss(encoded, model->config().dKv).loss;
        QVERIFY(loss.is_cuda());
        loss.backward();
        for (const auto& p : model->parameters())
            if (p.grad().defined()) QVERIFY(p.grad().is_cuda());
        for (const auto& b : model->buffers()) QVERIFY(b.is_cuda());
    }
};

QTEST_APPLESS_MAIN(TestCuda)
#include "tst_cuda_torch.moc"
