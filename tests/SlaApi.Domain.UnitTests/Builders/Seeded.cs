using CsCheck;

namespace SlaApi.Domain.UnitTests.Builders;

/// <summary>
/// Property checks over a fixed stream of cases: CsCheck's generators, driven from one seed, so every run checks
/// the same cases and a failure names the case that broke.
/// </summary>
public static class Seeded
{
    public const ulong Seed = 20261125;
    public const int Cases = 1000;

    public static void ForAll<T>(Gen<T> gen, Action<T> property, int cases = Cases)
    {
        var pcg = new PCG(1, Seed);
        for (var i = 0; i < cases; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                throw new AssertionException($"Case {i} of seed {Seed} failed for {Check.Print(value)}: {e.Message}", e);
            }
        }
    }
}
