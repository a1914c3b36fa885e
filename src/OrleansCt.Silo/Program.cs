using OrleansCt.Hosting;
using OrleansCt.Hosting.Configuration;

// The content root is the program's folder, so the host watches no data folder for configuration changes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddSiloConfig(args);
builder.AddOrleansCt();

var app = builder.Build();
app.MapOrleansCt();
app.Run();
