namespace SafeHome.Domain.Plans;

/// Kiresuk and Sherman's Goal Attainment Scaling T-score (DOMAIN.md §7):
/// T = 50 + 10·Σ(wᵢxᵢ) / sqrt((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), with ρ = 0.3 by convention. T = 50 means every goal was met
/// as expected.
public static class GoalAttainment
{
    public const double ConventionalRho = 0.3;

    public static double? TScore(IEnumerable<(decimal Weight, GasLevel Level)> goals, double rho = ConventionalRho)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var scored = goals.Where(g => g.Weight > 0).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var weightedSum = scored.Sum(g => (double)g.Weight * (int)g.Level);
        var sumOfSquares = scored.Sum(g => (double)g.Weight * (double)g.Weight);
        var sum = scored.Sum(g => (double)g.Weight);
        return 50 + (10 * weightedSum / Math.Sqrt(((1 - rho) * sumOfSquares) + (rho * sum * sum)));
    }
}
