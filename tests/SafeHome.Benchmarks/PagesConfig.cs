using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SafeHome.Benchmarks;

public sealed class PagesConfig : ManualConfig
{
    public PagesConfig() => AddColumn(new PagesColumn(perSecond: false), new PagesColumn(perSecond: true));

    private sealed class PagesColumn(bool perSecond) : IColumn
    {
        private static readonly ConcurrentDictionary<string, int> Pages = new();

        public string Id => perSecond ? "PagesPerSecond" : "Pages";

        public string ColumnName => perSecond ? "Pages/s" : "Pages";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => perSecond ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => perSecond ? "Pages rendered per second (pages / mean)" : "Pages in one rendered document";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            var pages = Pages.GetOrAdd(method, PdfRenderBenchmarks.CountPages);
            if (!perSecond)
            {
                return pages.ToString(CultureInfo.InvariantCulture);
            }

            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (pages / (mean.Value / 1e9)).ToString("0.0", CultureInfo.InvariantCulture) : "?";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
