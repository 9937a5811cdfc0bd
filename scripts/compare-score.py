#!/usr/bin/env python3
"""Compares `megatoken score` with sacreBLEU and rouge-score on random files.

Usage:
  python3 -m venv ~/.cache/megatoken/reference-venv
  ~/.cache/megatoken/reference-venv/bin/pip install sacrebleu==2.6.0 rouge-score==0.1.2
  ~/.cache/megatoken/reference-venv/bin/python scripts/compare-score.py build/bin/megatoken \
      > docs/score-check.txt

Each trial writes a hypothesis file and 1 to 3 reference files of random segments: English words
and punctuation that 13a splits, Greek, Cyrillic, German, Turkish and CJK words (Unicode lowercase,
rouge-score's tokenizer dropping non-ASCII), numbers, empty lines (empty hypotheses and empty
references), segments that equal a reference up to case, trailing spaces, tabs and no-break spaces
(sacreBLEU strips them), CRLF line ends. It scores them with `megatoken score --json` and with
sacreBLEU's command line (the same file reading) and the rouge-score package
(RougeScorer([...], use_stemmer=False).score_multi, averaged), and prints one line per trial. Exit
status 1 if any number differs by more than 1e-9 or a signature or exact-match count differs.
"""
import importlib.metadata
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
import sacrebleu
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU

WORDS = ("the a cat dog sat on mat ran fast quick brown fox jumps over lazy it was not n't "
         "don't U.S. e.g. 3.14 1,000 $5 (a) [b] \"quote\" can't re-use x--y").split()
UNICODE = ("Straße STRASSE İstanbul ıi ΣΊΣΥΦΟΣ σίσυφος Привет МИР ёлка Ünïcödé café naïve "
           "日本語 中文 한국어 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ǅemal ﬁne").split()
PUNCT = list(".,;:!?-'\"()")
TAILS = ["", "", "", " ", "  ", "\t", "\u00a0", " \u3000"]


def segment(rng):
    if rng.random() < 0.06:
        return ""
    n = rng.randint(1, 25)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.65:
            out.append(rng.choice(WORDS))
        elif r < 0.85:
            out.append(rng.choice(UNICODE))
        else:
            out.append(rng.choice(PUNCT))
    text = " ".join(out)
    if rng.random() < 0.3:
        text = text.capitalize()
    return text


def perturb(rng, text):
    """A reference derived from the hypothesis: sometimes equal up to case, else edited."""
    r = rng.random()
    if r < 0.15:
        return text
    if r < 0.25:
        return text.upper() if rng.random() < 0.5 else text.lower()
    words = text.split()
    for _ in range(rng.randint(0, 4)):
        op = rng.random()
        if op < 0.4 and words:
            del words[rng.randrange(len(words))]
        elif op < 0.8:
            words.insert(rng.randint(0, len(words)), rng.choice(WORDS + UNICODE))
        elif words:
            i = rng.randrange(len(words))
            words[i] = words[i].upper()
    return " ".join(words)


def write(path, lines, rng):
    ending = "\r\n" if rng.random() < 0.2 else "\n"
    with open(path, "w", encoding="utf-8", newline="") as f:
        for line in lines:
            f.write(line + rng.choice(TAILS) + ending)


def read(path):
    # sacreBLEU's command line: text mode (universal newlines), each line right-stripped.
    with open(path, encoding="utf-8") as f:
        return [line.rstrip() for line in f]


def reference_scores(hyp_file, ref_files, lowercase, tokenize):
    hyps = read(hyp_file)
    refs = [read(f) for f in ref_files]
    bleu = BLEU(lowercase=lowercase, tokenize=tokenize)
    result = bleu.corpus_score(hyps, refs)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=False)
    per = [scorer.score_multi([r[i] for r in refs], hyps[i]) for i in range(len(hyps))]
    rouge = {t: {k: float(np.mean([getattr(p[t], k) for p in per])) for k in ("precision", "recall", "fmeasure")}
             for t in ("rouge1", "rouge2", "rougeL", "rougeLsum")}
    fold = (lambda s: s.lower()) if lowercase else (lambda s: s)
    exact = sum(any(fold(h) == fold(r[i]) for r in refs) for i, h in enumerate(hyps))
    return {"bleu": result.score, "signature": str(bleu.get_signature()), "bp": result.bp,
            "hyp_len": result.sys_len, "ref_len": result.ref_len, "rouge": rouge, "exact_matches": exact,
            "segments": len(hyps)}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    megatoken = sys.argv[1]
    rng = random.Random(20261201)
    trials = 60
    worst = 0.0
    failures = 0
    print(f"# megatoken score against sacreBLEU {sacrebleu.__version__} and rouge-score "
          f"{importlib.metadata.version('rouge-score')} (use_stemmer=False); {trials} random trials, seed 20261201")
    print("# trial segments refs case tok | BLEU ours / sacreBLEU | ROUGE-L F ours / rouge-score | "
          "exact ours / reference | max abs difference")
    with tempfile.TemporaryDirectory() as tmp:
        for trial in range(trials):
            n = rng.choice([1, 2, 5, 20, 100, 300])
            k = rng.choice([1, 1, 2, 3])
            lowercase = rng.random() < 0.4
            tokenize = "13a" if rng.random() < 0.8 else "none"
            hyps = [segment(rng) for _ in range(n)]
            streams = [[perturb(rng, h) if rng.random() < 0.8 else segment(rng) for h in hyps] for _ in range(k)]
            hyp_file = os.path.join(tmp, f"hyp{trial}.txt")
            write(hyp_file, hyps, rng)
            ref_files = []
            for j, stream in enumerate(streams):
                path = os.path.join(tmp, f"ref{trial}-{j}.txt")
                write(path, stream, rng)
                ref_files.append(path)
            cmd = [megatoken, "score", "--hyp", hyp_file, "--json", "--tokenize", tokenize]
            for f in ref_files:
                cmd += ["--ref", f]
            if lowercase:
                cmd.append("--lowercase")
            ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            ref = reference_scores(hyp_file, ref_files, lowercase, tokenize)
            diffs = [abs(ours["bleu"]["score"] - ref["bleu"]), abs(ours["bleu"]["bp"] - ref["bp"])]
            for t, scores in ref["rouge"].items():
                for key, value in scores.items():
                    diffs.append(abs(ours["rouge"][t][key] - value))
            diff = max(diffs)
            worst = max(worst, diff)
            same = (ours["bleu"]["signature"] == ref["signature"] and ours["exact_matches"] == ref["exact_matches"]
                    and ours["bleu"]["hyp_len"] == ref["hyp_len"] and ours["bleu"]["ref_len"] == ref["ref_len"]
                    and ours["segments"] == ref["segments"] and diff <= 1e-9)
            failures += 0 if same else 1
            print(f"{trial:3d} {n:4d} {k} {'lc   ' if lowercase else 'mixed'} {tokenize:4s} | "
                  f"{ours['bleu']['score']:8.4f} / {ref['bleu']:8.4f} | "
                  f"{ours['rouge']['rougeL']['fmeasure']:.6f} / {ref['rouge']['rougeL']['fmeasure']:.6f} | "
                  f"{ours['exact_matches']:3d} / {ref['exact_matches']:3d} | {diff:.1e}"
                  f"{'' if same else '  MISMATCH ' + ours['bleu']['signature'] + ' vs ' + ref['signature']}")
    print(f"# signatures: e.g. {ref['signature']}")
    print(f"# {trials - failures} of {trials} trials equal; largest absolute difference {worst:.1e}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
