using SafeHome.Web.Infrastructure;

return await CommandLine.MainAsync(args, Console.In, Console.Out, Console.Error);

public partial class Program;
