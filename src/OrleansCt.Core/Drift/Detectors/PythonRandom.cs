namespace OrleansCt.Core.Drift.Detectors;

/// <summary>CPython's random.Random: MT19937 (Matsumoto and Nishimura, 1998) seeded by init_by_array from an int, with random(), getrandbits and sample as CPython 3.11 computes them, so seeded runs match River's.</summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>Same state as Python's random.Random(seed) for an int seed (its absolute value, split into 32-bit words).</summary>
    public PythonRandom(long seed)
    {
        var magnitude = seed == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(seed);
        var low = (uint)magnitude;
        var high = (uint)(magnitude >> 32);
        InitByArray(high == 0 ? [low] : [low, high]);
    }

    private PythonRandom()
    {
    }

    /// <summary>Number of 32-bit words in the Mersenne Twister state.</summary>
    internal const int StateWords = N;

    /// <summary>A copy of the generator's state: the 624 words and the index of the next one to temper.</summary>
    internal (uint[] Mt, int Index) GetState() => ((uint[])_mt.Clone(), _index);

    /// <summary>A generator continuing from a state taken by <see cref="GetState"/>.</summary>
    internal static PythonRandom FromState(uint[] mt, int index)
    {
        ArgumentNullException.ThrowIfNull(mt);
        if (mt.Length != N)
        {
            throw new ArgumentException($"The Mersenne Twister state has {N} words, got {mt.Length}.", nameof(mt));
        }

        if (index < 0 || index > N)
        {
            throw new ArgumentException($"The Mersenne Twister index must be between 0 and {N}, got {index}.", nameof(index));
        }

        var random = new PythonRandom();
        Array.Copy(mt, random._mt, N);
        random._index = index;
        return random;
    }

    /// <summary>A float in [0, 1) with 53 random bits, as random.random().</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>random.getrandbits(k) for 1 ≤ k ≤ 32.</summary>
    public uint GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 32);
        return NextUInt32() >> (32 - k);
    }

    /// <summary>random._randbelow(n): rejection sampling on bit_length(n) bits.</summary>
    public int RandBelow(int n)
    {
        if (n <= 0)
        {
            return 0;
        }

        var k = 32 - int.LeadingZeroCount(n);
        var r = GetRandBits(k);
        while (r >= (uint)n)
        {
            r = GetRandBits(k);
        }

        return (int)r;
    }

    /// <summary>random.sample(range(n), k): k distinct indices, drawn by the same branch CPython picks (pool or set).</summary>
    public int[] SampleRange(int n, int k)
    {
        if (k < 0 || k > n)
        {
            throw new ArgumentException($"Sample larger than population or is negative: k = {k}, n = {n}.", nameof(k));
        }

        var result = new int[k];
        var setSize = 21;
        if (k > 5)
        {
            setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
        }

        if (n <= setSize)
        {
            var pool = new int[n];
            for (var i = 0; i < n; i++)
            {
                pool[i] = i;
            }

            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }

            return result;
        }

        var selected = new HashSet<int>();
        for (var i = 0; i < k; i++)
        {
            var j = RandBelow(n);
            while (!selected.Add(j))
            {
                j = RandBelow(n);
            }

            result[i] = j;
        }

        return result;
    }

    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        var y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) * 0x9908b0dfu);
        }

        _index = 0;
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (var i = 1; i < N; i++)
        {
            _mt[i] = (1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
        }

        // Guarantees a non-zero initial state, as in the reference code.
        _mt[0] = 0x80000000u;
        _index = N;
    }
}
