#!/usr/bin/env python3
"""Makes the Hugging Face T5 fixtures under tests/data/t5/ for the import parity tests, checks an exported
folder against them, and writes a synthetic flan-t5-small checkpoint for the import benchmark.

Needs Python with torch, transformers (5.x), safetensors and sentencepiece; the LibTorch venv of
scripts/setup-torch2.sh serves once they are installed there:

    ~/.cache/megatoken/torch2-venv/bin/pip install transformers safetensors sentencepiece

No network: the tokenizer is trained here on text made here, and the weights are random.

    PY=~/.cache/megatoken/torch2-venv/bin/python
    $PY scripts/make-t5-fixture.py                    # rewrites tests/data/t5/t5-v1_0 and tests/data/t5/t5-v1_1
    $PY scripts/make-t5-fixture.py --out-root DIR     # the same under DIR (DIR/t5-v1_0, DIR/t5-v1_1)
    $PY scripts/make-t5-fixture.py --check-export DIR --reference REF.safetensors --out REPORT.json
    $PY scripts/make-t5-fixture.py --synthetic-flan-t5-small DIR      # ~300 MB, not committed

Each fixture folder holds
  spiece.model        a sentencepiece unigram model (200 pieces; <pad>=0, </s>=1, <unk>=2, no BOS) trained
                      here with one thread on a fixed generated corpus; t5-v1_0's normalises with nmt_nfkc
                      as T5's own does (its character map is ~240 KB), t5-v1_1's with identity (no map,
                      to keep tests/data/t5 near 1 MB): same pieces, scores and ids
  config.json, generation_config.json, model.safetensors
                      T5ForConditionalGeneration.save_pretrained(..., safe_serialization=True); the config's
                      vocab_size (256) is larger than the piece count, so padding rows exist, as in T5's
                      32,000 pieces / 32,128 rows
  parity.safetensors  input_ids [B,L] i64, attention_mask [B,L] i64 (right padding with 0, each text ends in
                      </s>), labels [B,L] i64 (input_ids, padding -100), decoder_input_ids [B,L] i64 (labels
                      shifted right with 0 as start, -100 as 0), encoder_hidden [B,L,D] f32
                      (model.encoder(...).last_hidden_state), logits [B,L,V] f32 (model(input_ids,
                      attention_mask, labels=labels).logits); eval mode, eager attention, float32, one thread
  parity.json         texts, HF loss (mean cross-entropy over the label tokens), label token count, per-text
                      figures, versions, a note
  texts.txt           the same texts, one a line (plain lowercase ASCII, so that the C++ sentencepiece gives
                      the ids Python's does)

Variants:
  t5-v1_0   feed_forward_proj "relu", tie_word_embeddings true: lm_head is shared.weight and the decoder
            output is scaled by d_model**-0.5 before it
  t5-v1_1   feed_forward_proj "gated-gelu" (transformers maps it to gelu_new, the tanh approximation),
            T5Config(tie_word_embeddings=False): own lm_head.weight, no scaling; 3 encoder and 2 decoder layers

transformers 5 note: T5Config forces tie_word_embeddings to True and keeps the v1.0/v1.1 difference in
scale_decoder_outputs (from the tie_word_embeddings it was given); the untied lm_head of v1.1 is told only by
lm_head.weight being in the checkpoint with values different from shared.weight. So the t5-v1_1 config.json
written by save_pretrained says "tie_word_embeddings": true, "scale_decoder_outputs": false, while the
hub's v1.1 configs (written by transformers 4) say "tie_word_embeddings": false and have no
scale_decoder_outputs. The synthetic flan-t5-small folder gets the hub's form.

Deterministic: fixed seeds, sentencepiece trained with num_threads=1 from an in-memory corpus (so no file
path is recorded in the model), torch on one thread. Rerunning gives byte-identical files on one machine.

--check-export DIR: loads DIR (our exporter's output; extra megatoken.* tensors and a "megatoken" config key
are allowed) with T5ForConditionalGeneration.from_pretrained, runs REF's input_ids/attention_mask, and
writes a JSON report: max |logits - REF.logits|, max |encoder_hidden - REF.encoder_hidden|, the loading
info and the transformers warnings. Exit status 0 when both differences are < 1e-4 (--tolerance), no HF
weight was missing or of the wrong shape (nothing newly initialised), shared.weight is there, and an untied
(v1.1) config comes with lm_head.weight (transformers 5 would tie it to shared silently); else 1; 2 for
usage errors. transformers 5 loads the megatoken.* tensors as "unexpected keys" with a warning table
("LOAD REPORT"), no error; the "megatoken" config key becomes a config attribute.
"""

import argparse
import hashlib
import io
import json
import logging
import os
import random
import shutil
import sys

SEED = 20240601
SPM_PIECES = 200
MODEL_VOCAB = 256
TOLERANCE = 1e-4

# Texts of the parity batch: short, about 40 tokens (relative distances past max_distance 24, so the
# logarithmic buckets and the clamp are both used), medium. Plain lowercase ASCII words and single spaces.
PARITY_TEXTS = [
    "the old fox jumps",
    "a small brown dog and a quiet green bird walk slowly along the cold river near the old stone bridge",
    "every morning the young teacher reads a long story",
]

# Word lists for the tokenizer corpus; together they hold every letter a to z.
DETERMINERS = ["the", "a", "every", "one", "that", "this", "some", "no"]
ADJECTIVES = ["old", "young", "small", "big", "tall", "quiet", "loud", "green", "brown", "red", "blue",
              "cold", "warm", "happy", "sad", "lazy", "quick", "little", "long", "wide", "dark",
              "bright", "strong", "gentle", "vivid", "fuzzy", "jolly", "wise", "proud", "calm"]
NOUNS = ["fox", "dog", "cat", "bird", "river", "bridge", "farmer", "teacher", "child", "song", "story",
         "sea", "stone", "tree", "house", "road", "garden", "window", "king", "queen", "box", "jar",
         "zebra", "horse", "boat", "market", "village", "mountain", "forest", "letter", "book", "friend",
         "doctor", "painter", "kitchen", "winter", "summer", "morning", "evening", "night", "light",
         "water", "bread", "apple", "orange", "table", "chair", "window", "voice", "question", "answer"]
PLURALS = ["foxes", "dogs", "cats", "birds", "rivers", "farmers", "teachers", "children", "songs",
           "stories", "stones", "trees", "houses", "roads", "gardens", "kings", "boxes", "jars",
           "zebras", "horses", "boats", "books", "friends", "apples", "letters", "questions"]
VERBS = ["jumps", "runs", "walks", "sings", "reads", "writes", "sees", "finds", "builds", "carries",
         "watches", "likes", "helps", "opens", "closes", "paints", "follows", "answers", "asks", "keeps",
         "sat", "walked", "jumped", "found", "saw", "took", "gave", "made", "knew", "quizzed"]
ADVERBS = ["slowly", "quickly", "quietly", "happily", "gently", "often", "never", "always", "again",
           "together", "today", "soon", "early", "late", "well"]
PREPOSITIONS = ["along", "near", "under", "over", "behind", "beside", "across", "into", "from", "to",
                "with", "without", "about", "after", "before", "in", "on", "at", "by", "through"]
CONJUNCTIONS = ["and", "while", "but", "because", "when", "so", "or", "until", "although", "since"]


def corpus_sentences(n=800, seed=SEED):
    """A fixed list of simple English sentences (lowercase ASCII), plus the parity texts."""
    rnd = random.Random(seed)

    def noun_phrase():
        if rnd.random() < 0.3:
            words = ([rnd.choice(["the", "some", "many", "two", "three"])] +
                     ([rnd.choice(ADJECTIVES)] if rnd.random() < 0.6 else []) + [rnd.choice(PLURALS)])
        else:
            words = ([rnd.choice(DETERMINERS)] + ([rnd.choice(ADJECTIVES)] if rnd.random() < 0.6 else []) +
                     [rnd.choice(NOUNS)])
        if words[0] == "a" and words[1][0] in "aeiou":
            words[0] = "an"
        return words

    def clause():
        words = noun_phrase()
        if rnd.random() < 0.3:
            words.append(rnd.choice(ADVERBS))
        words.append(rnd.choice(VERBS))
        if rnd.random() < 0.7:
            words += noun_phrase()
        if rnd.random() < 0.5:
            words += [rnd.choice(PREPOSITIONS)] + noun_phrase()
        return words

    out = []
    for _ in range(n):
        words = clause()
        if rnd.random() < 0.4:
            words += [rnd.choice(CONJUNCTIONS)] + clause()
        out.append(" ".join(words))
    return out + PARITY_TEXTS


def train_spm(normalization="nmt_nfkc", pieces=SPM_PIECES):
    """Trains the unigram sentencepiece model in memory; returns its serialized bytes."""
    import sentencepiece as spm
    spm.set_random_generator_seed(SEED)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_sentences()), model_writer=buf,
        model_type="unigram", vocab_size=pieces, character_coverage=1.0,
        normalization_rule_name=normalization,
        pad_id=0, eos_id=1, unk_id=2, bos_id=-1, pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>",
        num_threads=1, shuffle_input_sentence=False, input_sentence_size=0, minloglevel=2)
    data = buf.getvalue()
    sp = spm.SentencePieceProcessor(model_proto=data)
    assert sp.get_piece_size() == pieces, sp.get_piece_size()
    assert (sp.pad_id(), sp.eos_id(), sp.unk_id(), sp.bos_id()) == (0, 1, 2, -1)
    assert (sp.id_to_piece(0), sp.id_to_piece(1), sp.id_to_piece(2)) == ("<pad>", "</s>", "<unk>")
    return data


def variant_config(name):
    from transformers import T5Config
    common = dict(vocab_size=MODEL_VOCAB, d_model=32, d_kv=8, num_heads=4,
                  relative_attention_num_buckets=16, relative_attention_max_distance=24,
                  layer_norm_epsilon=1e-6, dropout_rate=0.1, initializer_factor=1.0,
                  decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
    if name == "t5-v1_0":
        return T5Config(**common, d_ff=64, num_layers=2, num_decoder_layers=2,
                        feed_forward_proj="relu", tie_word_embeddings=True)
    if name == "t5-v1_1":
        return T5Config(**common, d_ff=48, num_layers=3, num_decoder_layers=2,
                        feed_forward_proj="gated-gelu", tie_word_embeddings=False)
    raise ValueError(name)


def randomize(model, tied, seed):
    """Sets every parameter to random values with standard deviations that keep activations O(1) (HF's own
    init is tiny for some weights and gives near-uniform logits). Unties lm_head when `tied` is false (in
    transformers 5, T5ForConditionalGeneration ties lm_head to shared whatever the config says)."""
    import torch
    cfg = model.config
    d, dkv, h, dff = cfg.d_model, cfg.d_kv, cfg.num_heads, cfg.d_ff
    if not tied:
        model.lm_head.weight = torch.nn.Parameter(torch.empty(cfg.vocab_size, d))
        model.all_tied_weights_keys.pop("lm_head.weight", None)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):  # named_parameters drops tied duplicates
            leaf = name.rsplit(".", 2)[-2]
            if name == "shared.weight":
                std, mean = 1.0, 0.0
            elif name == "lm_head.weight":
                std, mean = 2.0 * d ** -0.5, 0.0  # logits std ~2 without the d**-0.5 scaling
            elif "layer_norm" in name:
                std, mean = 0.25, 1.0
            elif leaf == "relative_attention_bias":
                std, mean = 1.0, 0.0
            elif leaf == "q":
                std, mean = 1.5 * (d * dkv) ** -0.5, 0.0  # scores q.k (no 1/sqrt(d_kv) in T5) std ~1.5
            elif leaf in ("k", "v"):
                std, mean = d ** -0.5, 0.0
            elif leaf == "o":
                std, mean = (h * dkv) ** -0.5, 0.0
            elif leaf in ("wi", "wi_0", "wi_1"):
                std, mean = d ** -0.5, 0.0
            elif leaf == "wo":
                std, mean = 1.5 * dff ** -0.5, 0.0
            else:
                raise RuntimeError(f"no init rule for {name}")
            p.copy_(torch.randn(p.shape, generator=g) * std + mean)
    if tied:
        assert model.lm_head.weight is model.shared.weight
    else:
        assert model.lm_head.weight is not model.shared.weight
    assert model.encoder.embed_tokens.weight is model.shared.weight
    assert model.decoder.embed_tokens.weight is model.shared.weight


def encode_batch(sp, texts):
    import torch
    ids = [sp.encode(t, out_type=int) + [1] for t in texts]
    L = max(len(x) for x in ids)
    input_ids = torch.zeros(len(ids), L, dtype=torch.int64)
    mask = torch.zeros(len(ids), L, dtype=torch.int64)
    for i, x in enumerate(ids):
        input_ids[i, :len(x)] = torch.tensor(x)
        mask[i, :len(x)] = 1
    return input_ids, mask


def run_model(model, input_ids, attention_mask):
    """The reference computation: eval mode, labels = input_ids with padding -100."""
    import torch
    labels = input_ids.masked_fill(attention_mask == 0, -100)
    with torch.no_grad():
        enc = model.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        out = model(input_ids=input_ids, attention_mask=attention_mask, labels=labels)
    decoder_input_ids = model._shift_right(labels)
    return labels, decoder_input_ids, enc, out.logits, out.loss


def per_text_loss(logits, labels):
    import torch
    lp = torch.log_softmax(logits.double(), dim=-1)
    valid = labels != -100
    nll = -lp.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1) * valid
    return nll.sum(1), valid.sum(1), nll.sum() / valid.sum()


def make_variant(root, name, spm_bytes):
    import torch
    import transformers
    import sentencepiece as spm
    from safetensors.torch import save_file
    from transformers import T5ForConditionalGeneration

    folder = os.path.join(root, name)
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    with open(os.path.join(folder, "spiece.model"), "wb") as f:
        f.write(spm_bytes)
    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)

    cfg = variant_config(name)
    tied = name == "t5-v1_0"
    torch.manual_seed(SEED)
    model = T5ForConditionalGeneration(cfg)
    model.set_attn_implementation("eager")  # sets it in the encoder's and decoder's config copies too
    assert model.encoder.block[0].layer[0].SelfAttention.config._attn_implementation == "eager"
    randomize(model, tied=tied, seed=SEED + (0 if tied else 1))
    model.eval()
    assert model.config.dense_act_fn == ("relu" if tied else "gelu_new")
    assert model.config.scale_decoder_outputs == tied

    input_ids, mask = encode_batch(sp, PARITY_TEXTS)
    labels, dec_in, enc, logits, loss = run_model(model, input_ids, mask)
    sums, counts, loss64 = per_text_loss(logits, labels)

    model.save_pretrained(folder, safe_serialization=True)
    save_file({"input_ids": input_ids.contiguous(), "attention_mask": mask.contiguous(),
               "labels": labels.contiguous(), "decoder_input_ids": dec_in.contiguous(),
               "encoder_hidden": enc.float().contiguous(), "logits": logits.float().contiguous()},
              os.path.join(folder, "parity.safetensors"))
    with open(os.path.join(folder, "texts.txt"), "w", encoding="ascii", newline="\n") as f:
        f.write("".join(t + "\n" for t in PARITY_TEXTS))
    info = {
        "texts": PARITY_TEXTS,
        "loss": float(loss),
        "loss_float64": float(loss64),
        "label_tokens": int(counts.sum()),
        "per_text": [{"tokens": int(c), "loss": float(s / c), "nll_sum": float(s)} for s, c in zip(sums, counts)],
        "spm_pieces": sp.get_piece_size(),
        "vocab_size": cfg.vocab_size,
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "note": ("made by scripts/make-t5-fixture.py: random weights (fixed seed), eval mode, eager attention, "
                 "float32, one CPU thread. Each text is spiece.model's encoding plus </s> (1), right-padded "
                 "with 0. encoder_hidden = model.encoder(input_ids, attention_mask).last_hidden_state; logits "
                 "= model(input_ids, attention_mask, labels=labels).logits with labels = input_ids, padding "
                 "-100, so decoder_input_ids = [0] + labels[:-1] (-100 -> 0). loss is HF's: mean cross-entropy "
                 "over the label tokens (float32, printed as float64); loss_float64 recomputes it in float64 "
                 "from the stored logits; per_text gives each text's mean over its own tokens."),
    }
    with open(os.path.join(folder, "parity.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(info, indent=2) + "\n")
    print(f"{folder}: {int(counts.sum())} label tokens, L={input_ids.shape[1]}, loss {float(loss)!r}, "
          f"encoder_hidden std {float(enc.std()):.3f}, logits std {float(logits.std()):.3f}")
    return folder


def safetensors_keys(folder):
    from safetensors import safe_open
    keys = {}
    for fn in sorted(os.listdir(folder)):
        if fn.endswith(".safetensors") and fn != "parity.safetensors":
            with safe_open(os.path.join(folder, fn), "pt") as f:
                for k in f.keys():
                    sl = f.get_slice(k)
                    keys[k] = {"file": fn, "dtype": sl.get_dtype(), "shape": list(sl.get_shape())}
    return keys


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        import re
        self.records.append(re.sub(r"\x1b\[[0-9;]*m", "", f"{record.levelname}: {record.getMessage()}"))


def check_export(folder, reference, out_path, tolerance):
    import warnings
    import torch
    import transformers
    from safetensors.torch import load_file
    from transformers import T5ForConditionalGeneration

    torch.set_num_threads(1)
    ref = load_file(reference)
    for k in ("input_ids", "attention_mask", "logits", "encoder_hidden"):
        if k not in ref:
            print(f"check-export: {reference} has no tensor {k!r}", file=sys.stderr)
            return 2
    cap = _Capture()
    tlog = logging.getLogger("transformers")
    tlog.addHandler(cap)
    cap.setLevel(logging.WARNING)
    report = {"dir": os.path.abspath(folder), "reference": os.path.abspath(reference),
              "transformers": transformers.__version__, "torch": torch.__version__, "tolerance": tolerance}
    failures = []
    try:
        with warnings.catch_warnings(record=True) as pyw:
            warnings.simplefilter("always")
            model, info = T5ForConditionalGeneration.from_pretrained(
                folder, output_loading_info=True, attn_implementation="eager", dtype=torch.float32)
    except Exception as e:  # report it rather than a traceback only
        report.update(ok=False, failures=[f"from_pretrained raised {type(e).__name__}: {e}"],
                      transformers_log=cap.records)
        _write_report(out_path, report)
        print(report["failures"][0], file=sys.stderr)
        return 1
    finally:
        tlog.removeHandler(cap)
    model.eval()
    loading = {k: sorted(v) if isinstance(v, (set, list)) else v for k, v in info.items()}
    loading["error_msgs"] = [str(m) for m in info.get("error_msgs", [])]
    loading["mismatched_keys"] = [str(m) for m in info.get("mismatched_keys", [])]
    if loading.get("missing_keys"):
        failures.append(f"weights missing from the checkpoint (newly initialised): {loading['missing_keys']}")
    if loading["mismatched_keys"]:
        failures.append(f"weights of the wrong shape: {loading['mismatched_keys']}")
    if loading["error_msgs"]:
        failures.append(f"load errors: {loading['error_msgs']}")

    keys = safetensors_keys(folder)
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        raw_config = json.load(f)
    # transformers 5 ties lm_head to shared whenever lm_head.weight is absent, even for a v1.1 config
    # (scale_decoder_outputs false / tie_word_embeddings false), and does not list it as missing.
    if not model.config.scale_decoder_outputs and "lm_head.weight" not in keys:
        failures.append("untied (v1.1) config but no lm_head.weight in the checkpoint: transformers ties lm_head "
                        "to shared.weight silently")
    if "shared.weight" not in keys:
        failures.append("no shared.weight in the checkpoint (transformers 5 then takes the embedding from another "
                        "tied name, possibly lm_head.weight)")
    input_ids = ref["input_ids"].to(torch.int64)
    mask = ref["attention_mask"].to(torch.int64)
    labels, dec_in, enc, logits, loss = run_model(model, input_ids, mask)
    if tuple(logits.shape) != tuple(ref["logits"].shape):
        failures.append(f"logits shape {list(logits.shape)} != reference {list(ref['logits'].shape)}")
        d_logits = float("inf")
    else:
        d_logits = float((logits - ref["logits"].float()).abs().max())
    if tuple(enc.shape) != tuple(ref["encoder_hidden"].shape):
        failures.append(f"encoder_hidden shape {list(enc.shape)} != reference {list(ref['encoder_hidden'].shape)}")
        d_enc = float("inf")
    else:
        d_enc = float((enc - ref["encoder_hidden"].float()).abs().max())
    if not d_logits < tolerance:
        failures.append(f"max |logits - reference| = {d_logits!r} (tolerance {tolerance})")
    if not d_enc < tolerance:
        failures.append(f"max |encoder_hidden - reference| = {d_enc!r} (tolerance {tolerance})")

    report.update({
        "ok": not failures,
        "failures": failures,
        "max_abs_diff_logits": d_logits,
        "max_abs_diff_encoder_hidden": d_enc,
        "loss": float(loss),
        "loading_info": loading,
        "checkpoint_tensors": len(keys),
        "checkpoint_megatoken_tensors": sorted(k for k in keys if k.startswith("megatoken.")),
        "checkpoint_has": {k: k in keys for k in ("shared.weight", "encoder.embed_tokens.weight",
                                                   "decoder.embed_tokens.weight", "lm_head.weight")},
        "config_tie_word_embeddings": raw_config.get("tie_word_embeddings"),
        "config_has_megatoken_key": "megatoken" in raw_config,
        "model_config_megatoken_attribute": repr(getattr(model.config, "megatoken", None)),
        "model_scale_decoder_outputs": bool(model.config.scale_decoder_outputs),
        "model_lm_head_is_shared": model.lm_head.weight is model.shared.weight,
        "model_dense_act_fn": model.config.dense_act_fn,
        "model_attn_implementation": model.encoder.block[0].layer[0].SelfAttention.config._attn_implementation,
        "transformers_log": cap.records,
        "python_warnings": [f"{w.category.__name__}: {w.message}" for w in pyw],
    })
    _write_report(out_path, report)
    print(f"check-export {folder}: logits max diff {d_logits:.3g}, encoder_hidden max diff {d_enc:.3g}, "
          f"missing {len(loading.get('missing_keys', []))}, unexpected {len(loading.get('unexpected_keys', []))}"
          f" -> {'PASS' if not failures else 'FAIL'}")
    for f in failures:
        print("  " + f, file=sys.stderr)
    return 0 if not failures else 1


def _write_report(path, report):
    if path:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(report, indent=2) + "\n")


# google/flan-t5-small's config.json as on the hub (written by transformers 4.23.1).
FLAN_T5_SMALL_CONFIG = {
    "architectures": ["T5ForConditionalGeneration"],
    "d_ff": 1024,
    "d_kv": 64,
    "d_model": 512,
    "decoder_start_token_id": 0,
    "dense_act_fn": "gelu_new",
    "dropout_rate": 0.1,
    "eos_token_id": 1,
    "feed_forward_proj": "gated-gelu",
    "initializer_factor": 1.0,
    "is_encoder_decoder": True,
    "is_gated_act": True,
    "layer_norm_epsilon": 1e-06,
    "model_type": "t5",
    "n_positions": 512,
    "num_decoder_layers": 8,
    "num_heads": 6,
    "num_layers": 8,
    "output_past": True,
    "pad_token_id": 0,
    "relative_attention_max_distance": 128,
    "relative_attention_num_buckets": 32,
    "task_specific_params": {
        "summarization": {"early_stopping": True, "length_penalty": 2.0, "max_length": 200,
                          "min_length": 30, "no_repeat_ngram_size": 3, "num_beams": 4,
                          "prefix": "summarize: "},
        "translation_en_to_de": {"early_stopping": True, "max_length": 300, "num_beams": 4,
                                 "prefix": "translate English to German: "},
        "translation_en_to_fr": {"early_stopping": True, "max_length": 300, "num_beams": 4,
                                 "prefix": "translate English to French: "},
        "translation_en_to_ro": {"early_stopping": True, "max_length": 300, "num_beams": 4,
                                 "prefix": "translate English to Romanian: "},
    },
    "tie_word_embeddings": False,
    "torch_dtype": "float32",
    "transformers_version": "4.23.1",
    "use_cache": True,
    "vocab_size": 32128,
}


def synthetic_flan_t5_small(folder):
    import torch
    from transformers import T5Config, T5ForConditionalGeneration
    cfg_fields = {k: v for k, v in FLAN_T5_SMALL_CONFIG.items()
                  if k not in ("architectures", "torch_dtype", "transformers_version", "dense_act_fn",
                               "is_gated_act", "model_type", "task_specific_params", "output_past",
                               "n_positions")}
    cfg = T5Config(**cfg_fields)
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(SEED)
    model = T5ForConditionalGeneration(cfg)
    randomize(model, tied=False, seed=SEED + 2)
    model.save_pretrained(folder, safe_serialization=True)
    # The hub's config (tie_word_embeddings false, no scale_decoder_outputs), not transformers 5's form.
    with open(os.path.join(folder, "config.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(FLAN_T5_SMALL_CONFIG, indent=2, sort_keys=True) + "\n")
    with open(os.path.join(folder, "spiece.model"), "wb") as f:
        f.write(train_spm())
    total = 0
    for fn in sorted(os.listdir(folder)):
        size = os.path.getsize(os.path.join(folder, fn))
        total += size
        print(f"{size:>12,d}  {os.path.join(folder, fn)}")
    n = sum(p.numel() for p in model.parameters())
    print(f"{total:>12,d}  total ({n:,d} parameters, float32)")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "..", "tests", "data", "t5"),
                    help="where the fixture folders go (default tests/data/t5)")
    ap.add_argument("--check-export", metavar="DIR")
    ap.add_argument("--reference", metavar="REF.safetensors")
    ap.add_argument("--out", metavar="REPORT.json")
    ap.add_argument("--tolerance", type=float, default=TOLERANCE)
    ap.add_argument("--synthetic-flan-t5-small", metavar="DIR")
    args = ap.parse_args()

    import torch
    torch.set_num_threads(1)
    if args.check_export:
        if not args.reference:
            ap.error("--check-export needs --reference")
        return check_export(args.check_export, args.reference, args.out, args.tolerance)
    if args.synthetic_flan_t5_small:
        return synthetic_flan_t5_small(args.synthetic_flan_t5_small)

    root = os.path.normpath(args.out_root)
    os.makedirs(root, exist_ok=True)
    # T5's own spiece.model normalises with nmt_nfkc, whose character map is ~240 KB; t5-v1_0 carries it.
    # t5-v1_1 gets the identity-normalised model to keep tests/data/t5 near 1 MB: trained on the same
    # ASCII corpus, it has the same pieces and scores, so the same ids (checked here).
    import sentencepiece as spm
    models = {"t5-v1_0": train_spm("nmt_nfkc"), "t5-v1_1": train_spm("identity")}
    a, b = (spm.SentencePieceProcessor(model_proto=m) for m in models.values())
    assert [(a.id_to_piece(i), a.get_score(i)) for i in range(a.get_piece_size())] == \
           [(b.id_to_piece(i), b.get_score(i)) for i in range(b.get_piece_size())]
    for t in PARITY_TEXTS:
        assert a.encode(t) == b.encode(t)
    for name, data in models.items():
        print(f"{name}/spiece.model: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
        make_variant(root, name, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
