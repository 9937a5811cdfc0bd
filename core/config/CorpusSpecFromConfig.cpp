#include "core/config/CorpusSpecFromConfig.h"

namespace megatoken {

CorpusSpec corpusSpecFor(const DataConfig& data)
{
    CorpusSpec spec;
    spec.path = data.corpus;
    spec.format = parseCorpusFormat(data.format).value_or(CorpusFormat::Auto);
    spec.column = data.column;
    spec.field = data.field;
    spec.lowercase = data.lowercase;
    return spec;
}

}  // namespace megatoken
