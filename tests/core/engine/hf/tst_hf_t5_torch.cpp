// Hugging Face T5 import and export (issue 14): the imported model computes what transformers
// computes. The fixtures (tests/data/t5/<variant>/, made by scripts/make-t5-fixture.py with
// transformers; no Python here) hold two small random T5 models, T5 v1.0 (ReLU, tied head scaled by
// d_model^-0.5) and v1.1 / Flan-T5 (gated tanh-GELU, untied head, 3 encoder and 2 decoder blocks),
// with transformers' encoder output, logits and loss for three texts.
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/data/EncodedCorpus.h"
#include "core/engine/model/HfT5Weights.h"
#include "core/engine/train/Evaluator.h"
#include "core/engine/train/HfImport.h"
#include "core/engine/train/InitFrom.h"
#include "core/engine/train/RunLoader.h"
#include "core/hf/HfError.h"
#include "core/io/Safetensors.h"
#include "core/tokenizer/Tokenizer.h"
#include "support/ErrorMessage.h"

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

std::string fixture(const QString& variant)
{
    return std::string(MEGATOKEN_TEST_DATA_DIR) + "/t5/" + variant.toStdString();
}

torch::Tensor readTensor(const SafetensorsFile& file, const std::string& name)
{
    const SafetensorsTensor* t = file.find(name);
    if (!t) throw std::runtime_error(file.path() + ": no tensor " + name);
    if (t->dtype == "I64") {
        auto out = torch::empty(t->shape, torch::kLong);
        file.readBytes(*t, out.data_ptr());
        return out;
    }
    auto out = torch::empty(t->shape, torch::kFloat);
    file.readAsFloat32(*t, out.data_ptr<float>());
    return out;
}

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

std::vector<std::string> readLines(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

double maxAbsDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

// A copy of a fixture folder to damage.
std::string copyFixture(const QTemporaryDir& dir, const QString& variant)
{
    const std::string to = dir.path().toStdString() + "/" + variant.toStdString();
    fs::copy(fixture(variant), to, fs::copy_options::recursive);
    return to;
}

void writeJson(const std::string& path, const nlohmann::json& j)
{
    std::ofstream(path) << j.dump(2);
}

}  // namespace

class TestHfT5 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void parity_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("T5 v1.0: relu, tied head") << "t5-v1_0";
        QTest::newRow("T5 v1.1 / Flan-T5: gated-gelu, untied head") << "t5-v1_1";
    }

    // Encoder output and logits within 1e-4 of transformers', and the ids our tokenizer gives equal
    // the ones the fixture was made with.
    void parity()
    {
        QFETCH(QString, variant);
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        const HfImportResult imported = importHfFolder(fixture(variant), runDir);
        QCOMPARE(imported.config.model.decoderWindow, std::int64_t{0});
        QCOMPARE(imported.config.model.gateCount(), 0);
        QVERIFY(!imported.config.model.absolutePositions);
        QCOMPARE(imported.config.model.tiedHead, variant == "t5-v1_0");
        LoadedRun run = loadRun(runDir);

        const auto reference = SafetensorsFile::open(fixture(variant) + "/parity.safetensors");
        const auto ids = readTensor(reference, "input_ids");
        const auto mask = readTensor(reference, "attention_mask").to(torch::kBool);

        const auto texts = readLines(fixture(variant) + "/texts.txt");
        QCOMPARE(static_cast<std::int64_t>(texts.size()), ids.size(0));
        for (std::size_t i = 0; i < texts.size(); ++i) {
            auto ours = run.tokenizer->encode(texts[i]);
            ours.push_back(run.tokenizer->eosId());
            const auto row = ids[static_cast<std::int64_t>(i)].masked_select(mask[static_cast<std::int64_t>(i)]);
            QCOMPARE(static_cast<std::int64_t>(ours.size()), row.size(0));
            for (std::size_t t = 0; t < ours.size(); ++t)
                QCOMPARE(static_cast<std::int64_t>(ours[t]), row[static_cast<std::int64_t>(t)].item<std::int64_t>());
        }

        torch::NoGradGuard noGrad;
        auto& model = *run.model;
        const auto encoded = model->encode(ids, MaskMode::HardRemoval);
        const auto logits = model->decodeLogits(model->shiftRight(ids), encoded);
        const auto hfEncoder = readTensor(reference, "encoder_hidden");
        const auto hfLogits = readTensor(reference, "logits");
        const double encoderDiff = maxAbsDifference(encoded.hidden, hfEncoder);
        const double logitsDiff = maxAbsDifference(logits, hfLogits);
        qInfo("%s: max |encoder - HF| = %.3g, max |logits - HF| = %.3g (logits std %.3g)", qPrintable(variant),
              encoderDiff, logitsDiff, hfLogits.std().item<double>());
        QVERIFY2(encoderDiff < 1e-4, qPrintable(QString::number(encoderDiff)));
        QVERIFY2(logitsDiff < 1e-4, qPrintable(QString::number(logitsDiff)));
    }

    void nllEqualsTransformersLoss_data() { parity_data(); }

    // The evaluation's nll (nats per label token) is transformers' loss with labels = input ids.
    void nllEqualsTransformersLoss()
    {
        QFETCH(QString, variant);
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        importHfFolder(fixture(variant), runDir);
        LoadedRun run = loadRun(runDir);
        const auto corpus = encodeTexts(*run.tokenizer, readLines(fixture(variant) + "/texts.txt"), {});
        EvalOptions options;
        options.decodeMaxLength = 8;
        const auto result = evaluate(*run.model, corpus, *run.tokenizer, options, torch::kCPU);
        const auto parity = readJson(fixture(variant) + "/parity.json");
        const double hfLoss = parity["loss"].get<double>();
        const double relative = std::abs(result.metrics.crossEntropyHard - hfLoss) / hfLoss;
        qInfo("%s: nll %.9f, HF loss %.9f, relative difference %.3g", qPrintable(variant),
              result.metrics.crossEntropyHard, hfLoss, relative);
        QVERIFY2(relative < 1e-4, qPrintable(QString::number(relative)));
        QCOMPARE(result.metrics.hardKeepRatio, 1.0);
    }

    void exportRoundTrip_data() { parity_data(); }

    // export-hf then import-hf gives the same model bit for bit, gates included; the folder is what
    // transformers expects (scripts/make-t5-fixture.py --check-export checks it with transformers).
    void exportRoundTrip()
    {
        QFETCH(QString, variant);
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        importHfFolder(fixture(variant), runDir);
        // Gates on top, opened on the fixture's texts, so there is something besides T5 to carry.
        LoadedRun source = loadRun(runDir);
        ModelConfig gated = source.config.model;
        gated.gates = GateConfig{};
        gated.gates.every = 1;
        gated.gates.first = 0;
        MegatokenModel model(gated);
        loadInitWeights(source.checkpoint, model);
        const auto reference = SafetensorsFile::open(fixture(variant) + "/parity.safetensors");
        const auto ids = readTensor(reference, "input_ids");
        const auto offsets = openGates(model, ids);
        QVERIFY(!offsets.empty());

        const std::string exported = dir.path().toStdString() + "/exported";
        fs::create_directories(exported);
        writeT5Weights(model, exported + "/model.safetensors");
        const auto file = SafetensorsFile::open(exported + "/model.safetensors");
        QVERIFY(file.find("shared.weight"));
        QVERIFY(file.find("encoder.block.0.layer.0.SelfAttention.k.weight"));
        QVERIFY(file.find("megatoken.encoder.gates.0.calibration"));
        QCOMPARE(file.find("lm_head.weight") != nullptr, variant == "t5-v1_1");
        QCOMPARE(file.metadata().at("format"), std::string("pt"));

        MegatokenModel reloaded(gated);
        loadT5Weights(reloaded, SafetensorsCheckpoint::openFile(exported + "/model.safetensors"), exported);
        const auto a = model->named_parameters(), b = reloaded->named_parameters();
        for (const auto& p : a) QVERIFY2(torch::equal(p.value(), b[p.key()]), p.key().c_str());
        const auto bufferA = model->named_buffers(), bufferB = reloaded->named_buffers();
        for (const auto& p : bufferA) QVERIFY2(torch::equal(p.value(), bufferB[p.key()]), p.key().c_str());
    }

    void exportHfRunWritesAFolderImportReads()
    {
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        importHfFolder(fixture("t5-v1_1"), runDir);
        const std::string out = dir.path().toStdString() + "/hf";
        exportHfRun(runDir, out);
        const auto config = readJson(out + "/config.json");
        QCOMPARE(config["feed_forward_proj"].get<std::string>(), std::string("gated-gelu"));
        QCOMPARE(config["num_layers"].get<int>(), 3);
        QCOMPARE(config["num_decoder_layers"].get<int>(), 2);
        QVERIFY(config.contains("megatoken"));
        QVERIFY(fs::exists(out + "/spiece.model"));
        const std::string again = dir.path().toStdString() + "/again";
        importHfFolder(out, again);
        LoadedRun first = loadRun(runDir), second = loadRun(again);
        for (const auto& p : (*first.model)->named_parameters())
            QVERIFY2(torch::equal(p.value(), (*second.model)->named_parameters()[p.key()]), p.key().c_str());
    }

    // A checkpoint sharded as save_pretrained(max_shard_size=...) writes it: the shards and
    // model.safetensors.index.json; the import reads them through the index.
    void shardedCheckpoint()
    {
        QTemporaryDir dir;
        const std::string folder = copyFixture(dir, "t5-v1_1");
        const auto file = SafetensorsFile::open(folder + "/model.safetensors");
        std::vector<std::vector<float>> data;
        data.reserve(file.tensors().size());
        std::vector<SafetensorsEntry> first, second;
        nlohmann::json weightMap = nlohmann::json::object();
        for (const auto& t : file.tensors()) {
            data.emplace_back(static_cast<std::size_t>(t.numel()));
            file.readAsFloat32(t, data.back().data());
            const bool early = first.size() < file.tensors().size() / 2;
            (early ? first : second).push_back({t.name, t.shape, data.back().data()});
            weightMap[t.name] = early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        writeSafetensors(folder + "/model-00001-of-00002.safetensors", first, {{"format", "pt"}});
        writeSafetensors(folder + "/model-00002-of-00002.safetensors", second, {{"format", "pt"}});
        writeJson(folder + "/model.safetensors.index.json",
                  {{"metadata", {{"total_size", 0}}}, {"weight_map", weightMap}});
        fs::remove(folder + "/model.safetensors");

        const std::string runDir = dir.path().toStdString() + "/run";
        const HfImportResult imported = importHfFolder(folder, runDir);
        QCOMPARE(imported.weightFiles.size(), std::size_t{2});
        LoadedRun run = loadRun(runDir);
        const auto reference = SafetensorsFile::open(fixture("t5-v1_1") + "/parity.safetensors");
        const auto ids = readTensor(reference, "input_ids");
        torch::NoGradGuard noGrad;
        const auto encoded = (*run.model)->encode(ids, MaskMode::HardRemoval);
        const auto logits = (*run.model)->decodeLogits((*run.model)->shiftRight(ids), encoded);
        QVERIFY(maxAbsDifference(logits, readTensor(reference, "logits")) < 1e-4);
    }

    // Bad input: a clear error naming the file and the tensor or field, never a crash, and no run
    // directory left behind.
    void badInput_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expectedFile");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("truncated safetensors") << "truncate"
                                               << "model.safetensors"
                                               << "decoder.";
        QTest::newRow("header offsets overrun the file") << "overrun"
                                                         << "model.safetensors"
                                                         << "decoder.final_layer_norm.weight";
        QTest::newRow("missing tensor") << "missing"
                                        << "t5-v1_0"
                                        << "encoder.block.1.layer.0.SelfAttention.k.weight";
        QTest::newRow("misshapen tensor") << "misshapen"
                                          << "t5-v1_0"
                                          << "encoder.final_layer_norm.weight is [16]";
        QTest::newRow("unknown tensor") << "unknown"
                                        << "t5-v1_0"
                                        << "encoder.block.9.layer.0.SelfAttention.q.weight";
        QTest::newRow("unknown feed_forward_proj") << "proj"
                                                   << "config.json"
                                                   << "\"gated-silu\" is not supported";
        QTest::newRow("tokenizer larger than the model") << "vocab"
                                                         << "spiece.model"
                                                         << "more than the model's vocab_size 150";
        QTest::newRow("no spiece.model") << "nospiece"
                                         << "spiece.model"
                                         << "missing";
        QTest::newRow("config.json not JSON") << "badjson"
                                              << "config.json"
                                              << "not valid JSON";
    }

    void badInput()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expectedFile);
        QFETCH(QString, expectedText);
        QTemporaryDir dir;
        const std::string folder = copyFixture(dir, "t5-v1_0");
        const std::string weights = folder + "/model.safetensors";
        const auto rewriteWeights = [&](const std::function<void(std::vector<SafetensorsEntry>&)>& edit) {
            const auto file = SafetensorsFile::open(weights);
            std::vector<std::vector<float>> data;
            std::vector<SafetensorsEntry> entries;
            data.reserve(file.tensors().size());
            for (const auto& t : file.tensors()) {
                data.emplace_back(static_cast<std::size_t>(t.numel()));
                file.readAsFloat32(t, data.back().data());
                entries.push_back({t.name, t.shape, data.back().data()});
            }
            edit(entries);
            writeSafetensors(weights, entries, {{"format", "pt"}});
        };
        if (damage == "truncate") {
            fs::resize_file(weights, fs::file_size(weights) / 2);
        } else if (damage == "overrun") {
            // The last tensor claims 4 KB more than the file holds; the header stays well-formed.
            std::ifstream in(weights, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            std::uint64_t length = 0;
            std::memcpy(&length, bytes.data(), 8);
            auto header = nlohmann::json::parse(bytes.substr(8, length));
            auto& last = header["decoder.final_layer_norm.weight"];
            QVERIFY(!last.is_null());
            const auto begin = last["data_offsets"][0].get<std::uint64_t>();
            last["shape"] = {32 + 1024};
            last["data_offsets"] = {begin, begin + 4 * (32 + 1024)};
            std::string text = header.dump();
            text.append((8 - text.size() % 8) % 8, ' ');
            const std::uint64_t newLength = text.size();
            std::ofstream out(weights, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(&newLength), 8);
            out << text << bytes.substr(8 + length);
        } else if (damage == "missing") {
            rewriteWeights([](auto& entries) {
                entries.erase(std::remove_if(entries.begin(), entries.end(),
                                             [](const auto& e) {
                                                 return e.name == "encoder.block.1.layer.0.SelfAttention.k.weight";
                                             }),
                              entries.end());
            });
        } else if (damage == "misshapen") {
            rewriteWeights([](auto& entries) {
                for (auto& e : entries)
                    if (e.name == "encoder.final_layer_norm.weight") e.shape = {16};
            });
        } else if (damage == "unknown") {
            rewriteWeights([](auto& entries) {
                auto extra = entries.front();
                for (const auto& e : entries)
                    if (e.name == "encoder.block.0.layer.0.SelfAttention.q.weight") extra = e;
                extra.name = "encoder.block.9.layer.0.SelfAttention.q.weight";
                entries.push_back(extra);
            });
        } else if (damage == "proj" || damage == "vocab") {
            auto config = readJson(folder + "/config.json");
            if (damage == "proj") config["feed_forward_proj"] = "gated-silu";
            if (damage == "vocab") config["vocab_size"] = 150;
            writeJson(folder + "/config.json", config);
        } else if (damage == "nospiece") {
            fs::remove(folder + "/spiece.model");
        } else if (damage == "badjson") {
            std::ofstream(folder + "/config.json") << "{\"model_type\": \"t5\", ";
        }
        const std::string runDir = dir.path().toStdString() + "/run";
        QString message;
        try {
            importHfFolder(folder, runDir);
        } catch (const std::exception& e) {
            message = QString::fromUtf8(e.what());
        }
        qInfo("%s: %s", qPrintable(damage), qPrintable(message));
        QVERIFY2(message.contains(expectedFile), qPrintable(message));
        QVERIFY2(message.contains(expectedText), qPrintable(message));
        QVERIFY(!fs::exists(runDir));
        for (const auto& entry : fs::directory_iterator(dir.path().toStdString()))
            QVERIFY2(entry.path().filename().string().rfind(".import-", 0) != 0, entry.path().c_str());
    }

    // export-hf never mixes two models in one folder: a non-empty --out is refused (it may be the
    // downloaded model), and --overwrite replaces the folder whole.
    void exportRefusesOrReplacesAWholeFolder()
    {
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        importHfFolder(fixture("t5-v1_0"), runDir);
        const std::string out = copyFixture(dir, "t5-v1_1");  // another model's folder
        std::ofstream(out + "/generation_config.json") << "{}";
        const QString message = test::messageOf<HfError>([&] { exportHfRun(runDir, out); });
        QVERIFY2(message.contains("exists and is not empty") && message.contains("--overwrite"), qPrintable(message));
        QVERIFY(fs::exists(out + "/generation_config.json"));
        QCOMPARE(readJson(out + "/config.json")["num_layers"].get<int>(), 3);  // untouched

        exportHfRun(runDir, out, {}, /*overwrite=*/true);
        QVERIFY(!fs::exists(out + "/generation_config.json"));
        QVERIFY(!fs::exists(out + "/parity.safetensors"));
        QCOMPARE(readJson(out + "/config.json")["num_layers"].get<int>(), 2);
        for (const auto& entry : fs::directory_iterator(dir.path().toStdString()))
            QVERIFY2(entry.path().filename().string()[0] != '.', entry.path().c_str());  // no staging left
    }

    void pytorchBinOnlyIsAClearError()
    {
        QTemporaryDir dir;
        const std::string folder = copyFixture(dir, "t5-v1_0");
        fs::rename(folder + "/model.safetensors", folder + "/pytorch_model.bin");
        const QString message =
            test::messageOf<HfError>([&] { importHfFolder(folder, dir.path().toStdString() + "/run"); });
        QVERIFY2(message.contains("pytorch_model.bin only") && message.contains("save_pretrained"),
                 qPrintable(message));
    }

    // A Hugging Face folder given where a run belongs says to import it first.
    void hfFolderGivenAsARunSaysToImportIt()
    {
        const QString message = test::messageOf<std::runtime_error>([&] { loadRun(fixture("t5-v1_1")); });
        QVERIFY2(message.contains("no checkpoint") && message.contains("megatoken import-hf"), qPrintable(message));
    }

    void importRefusesAnExistingRunDirectory()
    {
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        fs::create_directories(runDir);
        const QString message = test::messageOf<HfError>([&] { importHfFolder(fixture("t5-v1_0"), runDir); });
        QVERIFY2(message.contains("already exists"), qPrintable(message));
    }

    // Gates added on top of the pretrained model start open: under the hard mask every token is
    // kept, and with the decoder window as the import's, the outputs are the pretrained model's
    // exactly (nothing altered the pretrained states).
    void gatesAddedOnTopStartOpen()
    {
        QTemporaryDir dir;
        const std::string runDir = dir.path().toStdString() + "/run";
        importHfFolder(fixture("t5-v1_1"), runDir);
        LoadedRun source = loadRun(runDir);
        ModelConfig gated = source.config.model;
        gated.gates.every = 1;  // after each of the 3 encoder blocks
        gated.gates.first = 0;
        gated.gates.source = GateSource::Element0;  // the post's gate, reading E[0] as it is
        gated.gates.form = GateForm::Code;
        gated.gates.tau = 0.1;
        gated.gates.beta = 0.0;
        MegatokenModel model(gated);
        QVERIFY(loadInitWeights(source.checkpoint, model).empty());  // E[0] gates have no parameters
        QCOMPARE(model->encoder->gateCount(), std::size_t{3});
        const auto reference = SafetensorsFile::open(fixture("t5-v1_1") + "/parity.safetensors");
        const auto ids = readTensor(reference, "input_ids");
        model->eval();
        torch::NoGradGuard noGrad;
        {
            // Before opening, E[0] / 0.1 drops many tokens of this random model.
            const auto encoded = model->encode(ids, MaskMode::HardRemoval);
            const auto keptBefore = encoded.gates.back().kept.sum().item<std::int64_t>();
            QVERIFY(keptBefore < ids.ne(0).sum().item<std::int64_t>());
        }
        openGates(model, ids);
        const auto droppable = ids.ne(0) & ids.ne(1);
        const auto soft = model->encode(ids, MaskMode::Soft);
        for (const auto& gate : soft.gates) {
            const double lowest = gate.logAlpha.exp().masked_select(droppable).min().item<double>();
            QVERIFY2(lowest >= 0.95 - 1e-6, qPrintable(QString::number(lowest)));
        }
        const auto hard = model->encode(ids, MaskMode::HardRemoval);
        QCOMPARE(hard.gates.back().kept.sum().item<std::int64_t>(), ids.ne(0).sum().item<std::int64_t>());
        const auto logits = model->decodeLogits(model->shiftRight(ids), hard);
        const auto pretrained =
            (*source.model)
                ->decodeLogits((*source.model)->shiftRight(ids), (*source.model)->encode(ids, MaskMode::HardRemoval));
        // Every kept token still carries its ln alpha >= ln 0.95 as an attention bias (the hard mask
        // removes dropped tokens and keeps the soft score of the others), so the outputs are the
        // pretrained model's up to that small shift.
        const double shift = maxAbsDifference(logits, pretrained);
        qInfo("max |logits with open gates - pretrained logits| = %.3g (logits std %.3g)", shift,
              pretrained.std().item<double>());
        QVERIFY2(shift < 0.1 * pretrained.std().item<double>(), qPrintable(QString::number(shift)));
    }
};

QTEST_GUILESS_MAIN(TestHfT5)
#include "tst_hf_t5_torch.moc"
