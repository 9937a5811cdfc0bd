#!/usr/bin/env bash
# Makes the fuzzers' seed corpora in fuzz/corpus/ (committed; rerun after a file format changes).
# Usage: fuzz/make-seeds.sh BUILD_DIR   (needs BUILD_DIR/bin/megatoken for the tokenizer seed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "$1")/bin/megatoken
c=$here/corpus
rm -rf "$c" && mkdir -p "$c"/{corpus_readers,config_json,run_files,tokenizer_model,checkpoint_container,safetensors}

# corpus_readers: first byte = choice (format = byte % 4: csv, tsv, jsonl, txt; then option bits).
seed() { printf "$1" > "$c/corpus_readers/$2"; }
seed '\x00text,label\n"a, quoted ""text""",1\nplain,2\n"multi\nline",3\n' csv-header
seed '\x14a,b\n1,2\n"x\r\ny",z\n' csv-column-index
seed '\x01text\tlabel\nA tab separated text\t1\n' tsv
seed '\x02{"text": "a json line"}\n{"text": "caf\\u00e9 \\ud83d\\ude00"}\nnot json\n' jsonl
seed '\xc2{"a": {"b": "nested field"}}\n{"a": 1}\n' jsonl-dotted
seed '\x03First line.\nSecond line, \xc3\xbcnicode.\n\n\xff invalid utf-8\n' txt
seed '\x0bUPPER ȘȚ ΟΔΟΣ\n' txt-lowercase

# config_json: a preset's full config and a few partial ones.
"$bin" config show --preset tiny > "$c/config_json/tiny.json" 2>/dev/null || echo '{"preset": "tiny"}' > "$c/config_json/tiny.json"
echo '{"preset": "small", "optim": {"steps": 10, "lr": 0.0005}, "gates": {"tau": 0.5}}' > "$c/config_json/partial.json"
echo '{"data": {"corpus": "x.csv", "format": "csv"}, "loss": {"target_keep": 0.3}}' > "$c/config_json/data.json"

# run_files: first byte = reader (0 metrics.csv, 1 status.json, 2 sweep.csv).
printf '\x00step,epoch,loss,ce,compression,lambda,accuracy,soft_keep,hard_keep,lr,tokens_per_s,wall_s,R_1,kept_1\n1,0,9.0,9.0,0.98,0,0.001,0.98,1,1e-05,2949.16,0.28,0.99,1\n2,0,nan,8.8,0.98,0,0.003,0.98,0.99,2e-05,3976.67,0.44,0.99,0.99\n' > "$c/run_files/metrics"
printf '\x01{"state": "running", "step": 40, "total_steps": 100, "updated": "2026-12-01T02:00:00Z", "message": ""}\n' > "$c/run_files/status"
printf '\x02method,target_keep,run,steps,texts,keep_ratio,accuracy_hard\nlearned,0.5,learned-0.5,1000,512,0.42,0.58\n' > "$c/run_files/sweep"

# tokenizer_model: a real (small) sentencepiece model.
work=$(mktemp -d)
printf 'the cat sat on the mat\na dog ran in the park\nthe quick brown fox\n' > "$work/texts.txt"
for i in $(seq 1 40); do echo "sentence number $i with some words and more words $((i * 7))" >> "$work/texts.txt"; done
"$bin" tokenizer train --corpus "$work/texts.txt" --out "$work/tok" --vocab 64 > /dev/null 2>&1
cp "$work/tok/tokenizer.model" "$c/tokenizer_model/small.model"
head -c 200 "$work/tok/tokenizer.model" > "$c/tokenizer_model/truncated.model"
rm -rf "$work"

# checkpoint_container: first byte = way in (even: a file, odd: memory); then a ZIP laid out as
# LibTorch's archive (a top folder with data.pkl, version, constants.pkl, data/<n>), written both
# seekable and as a stream (data descriptors after each entry, as PyTorchStreamWriter writes).
python3 - "$c/checkpoint_container" <<'PY'
import io, sys, zipfile
class Stream(io.RawIOBase):  # not seekable: zipfile writes data descriptors
    def __init__(self): self.out = bytearray()
    def writable(self): return True
    def write(self, b): self.out += b; return len(b)
def archive(f):
    with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
        z.writestr("step-00000001.pt/data.pkl", b"\x80\x02}q\x00X\x01\x00\x00\x00aq\x01K\x01s.")
        z.writestr("step-00000001.pt/data/0", bytes(range(16)))
        z.writestr("step-00000001.pt/constants.pkl", b"\x80\x02).")
        z.writestr("step-00000001.pt/version", b"3\n")
for way in (0, 1):
    f = io.BytesIO(); archive(f)
    open(f"{sys.argv[1]}/seekable-{way}", "wb").write(bytes([way]) + f.getvalue())
    s = Stream(); archive(s)
    open(f"{sys.argv[1]}/stream-{way}", "wb").write(bytes([way]) + bytes(s.out))
    open(f"{sys.argv[1]}/truncated-{way}", "wb").write(bytes([way]) + bytes(s.out)[:150])
PY

# safetensors: first byte = way in (bit 0 clear: a .safetensors file, bit 1 also writes it back;
# bit 0 set: a model.safetensors.index.json beside the fuzzer's two fixed shards); the files are the
# reference writer's (tests/data/safetensors/, scripts/make-safetensors-fixtures.py).
python3 - "$c/safetensors" "$here/../tests/data/safetensors" <<'PY'
import json, sys
out, data = sys.argv[1], sys.argv[2]
def seed(name, way, payload): open(f"{out}/{name}", "wb").write(bytes([way]) + payload)
def fixture(name): return open(f"{data}/{name}", "rb").read()
seed("values", 0, fixture("values.safetensors"))
seed("values-write-back", 2, fixture("values.safetensors"))
seed("writer-reference", 2, fixture("writer-reference.safetensors"))
seed("no-tensor", 0, fixture("writer-reference-empty.safetensors"))
seed("shard-f16-bf16", 2, fixture("sharded/model-00002-of-00002.safetensors"))
seed("truncated", 0, fixture("values.safetensors")[:300])
shard1, shard2 = "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"
index = {"metadata": {"total_size": 36}, "weight_map": {"decoder.weight": shard2, "encoder.bias": shard1, "encoder.weight": shard1}}
seed("index", 1, (json.dumps(index, indent=2, sort_keys=True) + "\n").encode())
PY
du -sh "$c"
