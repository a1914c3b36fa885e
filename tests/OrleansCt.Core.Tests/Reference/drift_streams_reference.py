"""Regenerates the streams of River's documented drift-detector examples with CPython's random.

The stream code is the one River's docstrings print (river/drift/*.py, river/drift/binary/*.py);
nothing else is needed, so any python3 runs it. The C# tests rebuild the same streams with
PythonRandom (a port of CPython's Mersenne Twister) and compare with what this prints.

Run: python3 tests/OrleansCt.Core.Tests/Reference/drift_streams_reference.py [out_dir]
With out_dir, writes two_distributions.csv and binary_errors_03_to_07.csv (index,x) there.
"""
import random
import sys


def two_distributions():
    # ADWIN, PageHinkley and KSWIN examples.
    rng = random.Random(12345)
    return rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)


def binary_errors_03_to_07():
    # DDM, EDDM, HDDM_A and HDDM_W examples.
    rng = random.Random(42)
    stream = rng.choices([0, 1], k=1000)
    return stream + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])


def main():
    streams = {
        "two_distributions.csv": two_distributions(),
        "binary_errors_03_to_07.csv": binary_errors_03_to_07(),
    }
    for name, stream in streams.items():
        print(name, "sum", sum(stream), "first", stream[:10], "at 1000..1009", stream[1000:1010])
        if len(sys.argv) > 1:
            with open(f"{sys.argv[1]}/{name}", "w") as f:
                f.write("index,x\n")
                for i, x in enumerate(stream):
                    f.write(f"{i},{x}\n")

    r = random.Random(42)
    print("Random(42):", [r.random() for _ in range(3)], r.sample(range(100), 5))
    r = random.Random(2**40 + 7)
    print("Random(2**40+7):", r.getrandbits(32), r.sample(range(70), 30)[:5])
    r = random.Random(42)
    print("Random(42).sample(range(70), 30):", r.sample(range(70), 30))
    r = random.Random(7)
    print("Random(7).sample(range(1000), 10):", r.sample(range(1000), 10))


if __name__ == "__main__":
    main()
