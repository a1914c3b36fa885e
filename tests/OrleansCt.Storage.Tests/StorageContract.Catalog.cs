using OrleansCt.Storage.Catalog;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task Upsert_reports_a_new_model_then_an_update_that_keeps_the_creation_time()
    {
        Assert.True(await Storage.Catalog.UpsertAsync("churn", "{\"version\":1}", 1_000));
        Assert.Equal(new CatalogEntry("churn", "{\"version\":1}", 1_000, 1_000), await Storage.Catalog.GetAsync("churn"));

        Assert.False(await Storage.Catalog.UpsertAsync("churn", "{\"version\":2}", 2_000));
        Assert.Equal(new CatalogEntry("churn", "{\"version\":2}", 1_000, 2_000), await Storage.Catalog.GetAsync("churn"));

        Assert.Null(await Storage.Catalog.GetAsync("missing"));
    }

    [Fact]
    public async Task List_returns_every_model_ordered_by_name()
    {
        Assert.Empty(await Storage.Catalog.ListAsync());
        foreach (var name in new[] { "b", "a-1", "C", "a" })
        {
            await Storage.Catalog.UpsertAsync(name, $"\"{name}\"", 10);
        }

        var models = await Storage.Catalog.ListAsync();

        // Ordinal (code point) order: upper case before lower case, a prefix before its extensions.
        Assert.Equal(["C", "a", "a-1", "b"], models.Select(model => model.Model));
        Assert.Equal(new CatalogEntry("a-1", "\"a-1\"", 10, 10), models[2]);
    }
}
