using SafeHome.Web.Infrastructure;

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArguments);
builder.AddSafeHome();
var app = builder.Build();
app.UseSafeHome();
return await CommandLine.RunAsync(app, command);

public partial class Program;
