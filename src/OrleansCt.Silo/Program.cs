using OrleansCt.Hosting;
using OrleansCt.Hosting.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddSiloConfig(args);
builder.AddOrleansCt();

var app = builder.Build();
app.MapOrleansCt();
app.Run();
