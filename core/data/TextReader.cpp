#include "core/data/TextReader.h"

#include "core/data/CsvTextReader.h"
#include "core/data/JsonlTextReader.h"
#include "core/data/PlainTextReader.h"
#include "core/data/PythonDocsCorpus.h"
#include "core/data/WordNetCorpus.h"
#include "core/feedback/Feedback.h"

namespace megatoken {

std::unique_ptr<TextReader> openTextReader(const CorpusSpec& spec, Feedback* feedback)
{
    switch (resolveFormat(spec)) {
        case CorpusFormat::Text: return std::make_unique<PlainTextReader>(spec, feedback);
        case CorpusFormat::Csv: return std::make_unique<CsvTextReader>(spec, ',', feedback);
        case CorpusFormat::Tsv: return std::make_unique<CsvTextReader>(spec, '\t', feedback);
        case CorpusFormat::Jsonl: return std::make_unique<JsonlTextReader>(spec, feedback);
        case CorpusFormat::PythonDocs: {
            PythonDocsOptions options;
            if (!spec.path.empty() && !isPythonDocsCorpusName(spec.path)) options.directory = spec.path;
            options.lowercase = spec.lowercase;
            options.minChars = spec.minChars;
            return openPythonDocsReader(options, feedback);
        }
        case CorpusFormat::WordNet:
        case CorpusFormat::Auto:  // resolveFormat never returns Auto
            break;
    }
    WordNetOptions options;
    if (!isDefaultCorpusPath(spec.path)) options.directory = spec.path;
    options.lowercase = spec.lowercase;
    options.minChars = spec.minChars;
    return openWordNetReader(options, feedback);
}

std::vector<std::string> readAllTexts(const CorpusSpec& spec, ReadStats* stats, Feedback* feedback,
                                      std::size_t maxTexts)
{
    const std::unique_ptr<TextReader> reader = openTextReader(spec, feedback);
    std::vector<std::string> texts;
    std::string text;
    while ((maxTexts == 0 || texts.size() < maxTexts) && reader->next(text)) texts.push_back(std::move(text));
    if (stats) *stats = reader->stats();
    if (feedback) feedback->setProgress(1.0);
    return texts;
}

}  // namespace megatoken
