// The fused attention kernel (LibTorch 2.x's scaled_dot_product_attention) must be a pure speed-up:
// the same logits and the same gradients as the explicit matmul-softmax-matmul path, the relative
// position bias's and the gates' included (they reach the loss only through the additive mask).
#include <QtTest>

#include <algorithm>
#include <map>

#include "core/engine/model/Attention.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TorchCompat.h"
#include "core/engine/train/CompressionLoss.h"
#include "support/SmallModel.h"
#include "support/TestDevice.h"

using namespace megatoken;

namespace {

ModelConfig config(bool scaled)
{
    ModelConfig c = testing::smallModelConfig();
    c.scaledAttention = scaled;
    return c;
}

// Five rows of different lengths, padded: padding, gates and positions all shape the mask.
torch::Tensor batchIds()
{
    return testing::paddedBatch({11, 4, 8, 2, 9}, 3);
}

struct Pass {
    torch::Tensor logits;
    std::map<std::string, torch::Tensor> gradients;
};

// One teacher-forced training pass (cross-entropy + compression loss), backward included.
Pass run(MegatokenModel& model, const torch::Tensor& ids, MaskMode mode)
{
    model->zero_grad();
    const auto out = model->forward(ids, mode);
    const auto mask = ids.ne(0);
    const auto ce =
        torch::nn::functional::cross_entropy(out.logits.reshape({-1, out.logits.size(-1)}), ids.reshape({-1}),
                                             torch::nn::functional::CrossEntropyFuncOptions().ignore_index(0));
    const auto loss = ce + compressionLoss(out.encoder, model->config().dKv).loss;
    loss.backward();
    Pass pass;
    pass.logits = out.logits.detach().to(torch::kCPU);
    for (const auto& p : model->named_parameters())
        if (p.value().grad().defined()) pass.gradients[p.key()] = p.value().grad().detach().to(torch::kCPU).clone();
    return pass;
}

double maxAbsDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

}  // namespace

class TestAttentionKernel : public QObject {
    Q_OBJECT
private slots:
    void kernelFollowsTheConfigAndTheLibTorch()
    {
        ModelConfig c = config(false);
        Attention attention(c.dModel, c.numHeads, c.dKv, false, false, 0.0, AttentionKernel::Fused);
        QCOMPARE(attention->usesFusedKernel(), compat::kHasFusedAttention);
        attention->setRecordWeights(true);  // the inspector needs the probabilities: explicit path
        QVERIFY(!attention->usesFusedKernel());
        attention->setRecordWeights(false);
        attention->setKernel(AttentionKernel::Explicit);
        QVERIFY(!attention->usesFusedKernel());
    }

    void fusedEqualsExplicit_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("scaled");
        QTest::newRow("straight-through") << int(MaskMode::StraightThrough) << false;
        QTest::newRow("soft mask (gate gradients through the bias)") << int(MaskMode::Soft) << false;
        QTest::newRow("straight-through, scaled") << int(MaskMode::StraightThrough) << true;
        QTest::newRow("threshold (hard) mask") << int(MaskMode::Threshold) << false;
    }

    void fusedEqualsExplicit()
    {
        MEGATOKEN_SKIP_UNLESS_TEST_DEVICE_AVAILABLE();
        if (!compat::kHasFusedAttention)
            QSKIP("LibTorch " TORCH_VERSION " has no scaled_dot_product_attention: both kernels are the explicit path");
        QFETCH(int, mode);
        QFETCH(bool, scaled);
        const auto device = testing::testDevice();
        torch::manual_seed(11);
        MegatokenModel model(config(scaled));
        {
            // Gates with real spread, so the masks drop tokens and carry gradient.
            torch::NoGradGuard noGrad;
            for (const auto& p : model->named_parameters())
                if (p.key().find("gate") != std::string::npos && p.key().find("weight") != std::string::npos)
                    p.value().normal_(0.0, 0.5);
        }
        model->to(device);
        model->train();
        const auto ids = batchIds().to(device);

        model->setAttentionKernel(AttentionKernel::Explicit);
        const Pass reference = run(model, ids, static_cast<MaskMode>(mode));
        model->setAttentionKernel(AttentionKernel::Fused);
        const Pass fused = run(model, ids, static_cast<MaskMode>(mode));

        QVERIFY2(maxAbsDifference(reference.logits, fused.logits) < 1e-4,
                 qPrintable(QString("logits differ by %1").arg(maxAbsDifference(reference.logits, fused.logits))));
        QCOMPARE(fused.gradients.size(), reference.gradients.size());
        bool sawRelativeBias = false, sawGate = false;
        for (const auto& [name, gradient] : reference.gradients) {
            const double difference = maxAbsDifference(gradient, fused.gradients.at(name));
            const double scale = std::max(1.0, gradient.abs().max().item<double>());
            QVERIFY2(
                difference < 1e-4 * scale,
                qPrintable(QString("gradient of %1 differs by %2").arg(QString::fromStdString(name)).arg(difference)));
            sawRelativeBias = sawRelativeBias || name.find("relative") != std::string::npos;
            sawGate = sawGate || (name.find("gate") != std::string::npos && gradient.abs().sum().item<double>() > 0);
        }
        QVERIFY2(sawRelativeBias, "the relative position bias received no gradient");
        if (mode != int(MaskMode::Threshold)) QVERIFY2(sawGate, "no gate received gradient through the mask");
    }
};

QTEST_APPLESS_MAIN(TestAttentionKernel)
#include "tst_attention_kernel_torch.moc"
