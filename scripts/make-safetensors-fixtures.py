#!/usr/bin/env python3
"""Makes the safetensors fixtures under tests/data/safetensors/ for tests/core/io/tst_safetensors.cpp,
written by the reference implementation (safetensors.torch.save_file) and torch's own dtype conversions.

Needs Python with torch and safetensors; the LibTorch venv of scripts/setup-torch2.sh serves:

    ~/.cache/megatoken/torch2-venv/bin/python scripts/make-safetensors-fixtures.py [--out DIR]

No random values: rerunning gives byte-identical files, except that values.safetensors's two metadata
keys come in the reference writer's hash order, which changes from run to run (the test does not
depend on it). Made with torch 2.11 and safetensors 0.8. The test hard-codes the same tensors, so
change both together.

  values.safetensors          F32 "f32" [2, 5]: 1, -2.5, inf, -inf, NaN, 2^-149 (the smallest subnormal),
                              2^-126, -0.0, FLT_MAX, 0.1;
                              F16 "f16" [10] and BF16 "bf16" [10]: 1, -2.5, the largest finite value,
                              the smallest subnormal, the smallest normal, -0.0, inf, -inf, NaN, 0.1 (rounded);
                              F32 "scalar" [] 42.5; F32 "empty" [0, 3]; BF16 "empty_bf16" [4, 0];
                              I64 "ids" [3] 1, -2, 3; metadata {"format": "pt", "note": "..."}
  writer-reference.safetensors
                              what writeSafetensors must reproduce byte for byte (F32 only, one metadata
                              key: the reference writes several in hash order); see WRITER_TENSORS
  writer-reference-empty.safetensors
                              no tensors, no metadata
  half-floats.safetensors     F32 "f16" [65536] and "bf16" [65536]: element i is torch's float32 value
                              of the F16 (BF16) bit pattern i
  sharded/                    a 2-shard checkpoint as transformers' save_pretrained lays it out:
                              model-0000{1,2}-of-00002.safetensors (metadata {"format": "pt"}) and
                              model.safetensors.index.json (json.dumps(index, indent=2, sort_keys=True) + "\\n",
                              metadata total_parameters and total_size)
  single/model.safetensors    a one-file checkpoint
"""

import argparse
import json
import os

import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "tests", "data", "safetensors")

INF = float("inf")
NAN = float("nan")


def writer_tensors():
    # The test writes the same tensors (tst_safetensors.cpp, writerMatchesTheReferenceByteForByte).
    # The reference writer sorts by name (bytewise) within a dtype; so does the list here.
    return {
        "a.weight": torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5 - 1.0,
        "b.bias": torch.tensor([INF, -0.0, -INF, 1e-45, 3.0], dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
        'name "quoted" \\ \u00fc\u4e2d\x01\t/': torch.tensor([7.0], dtype=torch.float32),
        "scalar": torch.tensor(3.25, dtype=torch.float32),
    }


def all_bit_patterns():
    bits = torch.arange(65536, dtype=torch.int32)
    return torch.where(bits >= 32768, bits - 65536, bits).to(torch.int16)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="the fixture folder (default: tests/data/safetensors)")
    out = os.path.abspath(parser.parse_args().out)
    os.makedirs(os.path.join(out, "sharded"), exist_ok=True)
    os.makedirs(os.path.join(out, "single"), exist_ok=True)

    specials = [1.0, -2.5, None, None, None, -0.0, INF, -INF, NAN, 0.1]

    def special(dtype, largest, smallest_subnormal, smallest_normal):
        values = list(specials)
        values[2:5] = [largest, smallest_subnormal, smallest_normal]
        return torch.tensor(values, dtype=torch.float32).to(dtype)

    f16 = special(torch.float16, 65504.0, 2.0**-24, 2.0**-14)
    bf16 = special(torch.bfloat16, torch.finfo(torch.bfloat16).max, 2.0**-133, 2.0**-126)
    assert f16.view(torch.int16)[3].item() == 1 and bf16.view(torch.int16)[3].item() == 1
    save_file(
        {
            "f32": torch.tensor(
                [1.0, -2.5, INF, -INF, NAN, 2.0**-149, 2.0**-126, -0.0, torch.finfo(torch.float32).max, 0.1],
                dtype=torch.float32,
            ).reshape(2, 5),
            "f16": f16,
            "bf16": bf16,
            "scalar": torch.tensor(42.5, dtype=torch.float32),
            "empty": torch.zeros(0, 3, dtype=torch.float32),
            "empty_bf16": torch.zeros(4, 0, dtype=torch.bfloat16),
            "ids": torch.tensor([1, -2, 3], dtype=torch.int64),
        },
        os.path.join(out, "values.safetensors"),
        metadata={"format": "pt", "note": "made by scripts/make-safetensors-fixtures.py"},
    )

    save_file(writer_tensors(), os.path.join(out, "writer-reference.safetensors"), metadata={"format": "pt"})
    save_file({}, os.path.join(out, "writer-reference-empty.safetensors"))

    patterns = all_bit_patterns()
    save_file(
        {
            "f16": patterns.view(torch.float16).to(torch.float32),
            "bf16": patterns.view(torch.bfloat16).to(torch.float32),
        },
        os.path.join(out, "half-floats.safetensors"),
    )

    shards = {
        "model-00001-of-00002.safetensors": {
            "encoder.block.0.weight": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8,
            "encoder.final_layer_norm.weight": torch.tensor([1.0, 0.5, -0.25], dtype=torch.float32),
        },
        "model-00002-of-00002.safetensors": {
            "decoder.block.0.weight": (torch.arange(6, dtype=torch.float32).reshape(2, 3) - 2).to(torch.bfloat16),
            "shared.weight": torch.tensor([[0.5, -1.0], [2.0, 65504.0]], dtype=torch.float16),
        },
    }
    weight_map = {}
    total_size = 0
    total_parameters = 0
    for shard, tensors in shards.items():
        save_file(tensors, os.path.join(out, "sharded", shard), metadata={"format": "pt"})
        for name, tensor in tensors.items():
            weight_map[name] = shard
            total_size += tensor.numel() * tensor.element_size()
            total_parameters += tensor.numel()
    index = {"metadata": {"total_parameters": total_parameters, "total_size": total_size}, "weight_map": weight_map}
    with open(os.path.join(out, "sharded", "model.safetensors.index.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(index, indent=2, sort_keys=True) + "\n")

    save_file(
        {"lm_head.weight": torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float32)},
        os.path.join(out, "single", "model.safetensors"),
        metadata={"format": "pt"},
    )

    total = 0
    for folder, _, files in os.walk(out):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    print(f"wrote {out} ({total} bytes) with torch {torch.__version__}")


if __name__ == "__main__":
    main()
