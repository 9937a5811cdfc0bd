#include "core/data/TextReader.h"

#include "core/data/CsvTextReader.h"
#include "core/data/JsonlTextReader.h"
#include "core/data/PlainTextReader.h"
#include "core/data/WordNetCorpus.h"

namespace megatoken {

std::unique_ptr<TextReader> openTextReader(const CorpusSpec& spec, ProgressCallback onProgress)
{
    switch (resolveFormat(spec)) {
    case CorpusFormat::Text:
        return std::make_unique<PlainTextReader>(spec, std::move(onProgress));
    case CorpusFormat::Csv:
        return std::make_unique<CsvTextReader>(spec, ',', std::move(onProgress));
    case CorpusFormat::Tsv:
        return std::make_unique<CsvTextReader>(spec, '\t', std::move(onProgress));
    case CorpusFormat::Jsonl:
        return std::make_unique<JsonlTextReader>(spec, std::move(onProgress));
    case CorpusFormat::WordNet:
    case CorpusFormat::Auto: // resolveFormat never returns Auto
        break;
    }
    WordNetOptions options;
    if (!isDefaultCorpusPath(spec.path))
        options.directory = spec.path;
    options.lowercase = spec.lowercase;
    options.minChars = spec.minChars;
    return openWordNetReader(options, std::move(onProgress));
}

std::vector<std::string> readAllTexts(const CorpusSpec& spec, ReadStats* stats, ProgressCallback onProgress,
                                      std::size_t maxTexts)
{
    const std::unique_ptr<TextReader> reader = openTextReader(spec, std::move(onProgress));
    std::vector<std::string> texts;
    std::string text;
    while ((maxTexts == 0 || texts.size() < maxTexts) && reader->next(text))
        texts.push_back(std::move(text));
    if (stats)
        *stats = reader->stats();
    return texts;
}

} // namespace megatoken
