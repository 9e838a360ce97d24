using SafeHome.Domain.Plans;

namespace SafeHome.UnitTests.Plans;

/// T = 50 + 10·Σ(wᵢxᵢ) / sqrt((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3 (DOMAIN.md §7). Expected values are worked by hand
/// in the comments, not by calling the formula again.
public sealed class GoalAttainmentTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void All_goals_met_as_expected_score_exactly_50()
    {
        var score = GoalAttainment.TScore([(2m, GasLevel.Expected), (1m, GasLevel.Expected), (3m, GasLevel.Expected)]);

        Assert.Equal(50.0, score);
    }

    [Fact]
    public void Equal_weights_are_scored_by_hand()
    {
        // w = 1, 1, 1; x = +2, +1, 0. Σwx = 3; Σw² = 3; (Σw)² = 9; sqrt(0.7·3 + 0.3·9) = sqrt(4.8) = 2.190890230…
        // T = 50 + 30 / 2.190890230 = 63.693063937…
        var score = GoalAttainment.TScore([(1m, GasLevel.MuchMore), (1m, GasLevel.More), (1m, GasLevel.Expected)]);

        Assert.Equal(50 + (30 / Math.Sqrt(4.8)), score!.Value, Precision);
        Assert.Equal(63.693063937, score.Value, 1e-6);
    }

    [Fact]
    public void Equal_weights_give_the_same_score_whatever_their_size()
    {
        var ones = GoalAttainment.TScore([(1m, GasLevel.MuchMore), (1m, GasLevel.Less)]);
        var fives = GoalAttainment.TScore([(5m, GasLevel.MuchMore), (5m, GasLevel.Less)]);

        Assert.Equal(ones!.Value, fives!.Value, Precision);
    }

    [Fact]
    public void Unequal_weights_are_scored_by_hand()
    {
        // w = 2, 1, 3; x = +1, −1, +2. Σwx = 2 − 1 + 6 = 7; Σw² = 4 + 1 + 9 = 14; Σw = 6, (Σw)² = 36.
        // sqrt(0.7·14 + 0.3·36) = sqrt(9.8 + 10.8) = sqrt(20.6) = 4.538722287…; T = 50 + 70 / 4.538722287 = 65.422842723…
        var score = GoalAttainment.TScore([(2m, GasLevel.More), (1m, GasLevel.Less), (3m, GasLevel.MuchMore)]);

        Assert.Equal(50 + (70 / Math.Sqrt(20.6)), score!.Value, Precision);
        Assert.Equal(65.422842723, score.Value, 1e-6);
    }

    [Theory]
    [InlineData(GasLevel.MuchLess, 30.0)]
    [InlineData(GasLevel.Less, 40.0)]
    [InlineData(GasLevel.Expected, 50.0)]
    [InlineData(GasLevel.More, 60.0)]
    [InlineData(GasLevel.MuchMore, 70.0)]
    public void A_single_goal_moves_ten_points_per_level_whatever_its_weight(GasLevel level, double expected)
    {
        // One goal: sqrt(0.7·w² + 0.3·w²) = w, so T = 50 + 10·x.
        Assert.Equal(expected, GoalAttainment.TScore([(3m, level)])!.Value, Precision);
        Assert.Equal(expected, GoalAttainment.TScore([(1m, level)])!.Value, Precision);
    }

    [Fact]
    public void Rho_defaults_to_the_conventional_0_3()
    {
        // w = 1, 1; x = +1, +1. ρ = 0.3: sqrt(0.7·2 + 0.3·4) = sqrt(2.6) → 62.403473459…
        // ρ = 0: sqrt(2) → 64.142135623…; ρ = 1: sqrt(4) = 2 → 60.
        (decimal, GasLevel)[] goals = [(1m, GasLevel.More), (1m, GasLevel.More)];

        Assert.Equal(0.3, GoalAttainment.ConventionalRho);
        Assert.Equal(62.403473459, GoalAttainment.TScore(goals)!.Value, 1e-6);
        Assert.Equal(64.142135623, GoalAttainment.TScore(goals, rho: 0)!.Value, 1e-6);
        Assert.Equal(60.0, GoalAttainment.TScore(goals, rho: 1)!.Value, Precision);
    }

    [Fact]
    public void There_is_no_score_without_a_weighted_goal()
    {
        Assert.Null(GoalAttainment.TScore([]));
        Assert.Null(GoalAttainment.TScore([(0m, GasLevel.MuchMore)]));
    }
}
