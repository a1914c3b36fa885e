using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

        // Answers the framework makes itself (an unknown route, a wrong method) are problems too, not bare status codes.
        builder.Services.AddProblemDetails();

        // A storage failure is a 503 with Retry-After, wherever it is met; any other failure a 500 problem, never an empty body.
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();

        // The API enforces its own body limit with a problem answer (RequestBody.MaxBytes); Kestrel's default (~28.6 MB)
        // would answer first with a bare 413.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.KestrelBackstopBytes);
        return builder;
    }

    public static WebApplication MapOrleansCt(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapHealthApi();
        app.MapModelsApi();
        app.MapVersionsApi();
        app.MapRetrainsApi();
        app.MapPolicyApi();
        app.MapDriftApi();
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"OrleansCt ready on {string.Join(", ", app.Urls)}"));
        return app;
    }
}
