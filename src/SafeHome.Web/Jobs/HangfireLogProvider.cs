using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace SafeHome.Web.Jobs;

/// Hangfire logs through one provider held in a static for the whole process. Its ASP.NET Core provider throws once
/// the host that set it has stopped, which breaks any other host in the process (the test hosts, the CLI verbs) the
/// moment Hangfire asks for a logger. This one writes to the same ILoggerFactory and goes quiet instead of throwing.
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class ForwardingLog(ILogger logger) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };

            // Hangfire calls with no message to ask whether the level is on.
            if (messageFunc is null || !logger.IsEnabled(level))
            {
                return logger.IsEnabled(level);
            }

            try
            {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages; there is no template to cache.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
            }
            catch (ObjectDisposedException)
            {
                // The host is stopping; its log is gone.
            }

            return true;
        }
    }

    private sealed class Silent : ILog
    {
        public static Silent Instance { get; } = new();

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
