using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OrleansCt.Hosting.Api;
using OrleansCt.Hosting.Configuration;

namespace OrleansCt.Hosting;

/// <summary>The one way a silo process is composed: Orleans with our storage and grains, the HTTP API, dashboard and OpenAPI.</summary>
public static class OrleansCtHostingExtensions
{
    public static WebApplicationBuilder AddOrleansCt(this WebApplicationBuilder builder, Action<ISiloBuilder>? configureSilo = null)
    {
        builder.UseOrleans(silo =>
        {
            silo.AddOrleansCt(builder.Configuration);
            silo.AddDashboard();
            configureSilo?.Invoke(silo);
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapOrleansCt(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapModelsApi();
        app.MapDriftApi();
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"OrleansCt ready on {string.Join(", ", app.Urls)}"));
        return app;
    }
}
