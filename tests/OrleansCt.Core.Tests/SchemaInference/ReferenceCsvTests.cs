using System.Text;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.SchemaInference;

public sealed class ReferenceCsvTests
{
    private static ReferenceColumns Read(string csv) => ReferenceColumns.ReadCsv(new StringReader(csv));

    private static ReferenceFormatException Fails(string csv) => Assert.Throws<ReferenceFormatException>(() => Read(csv));

    [Fact]
    public void A_CSV_becomes_text_columns_with_quoted_commas_quotes_and_line_breaks_kept_in_their_field()
    {
        var columns = Read("name,note\r\na,\"x, y\"\r\n\"b\",\"say \"\"hi\"\"\"\r\nc,\"two\nlines\"\r\n");

        Assert.Equal(["name", "note"], columns.Names);
        Assert.Equal(3, columns.Rows);
        Assert.Equal(["a", "b", "c"], columns.Values[0]);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], columns.Values[1]);
        Assert.Equal([null, null], columns.Types);
    }

    [Fact]
    public void Empty_fields_are_kept_as_empty_text_and_blank_lines_are_skipped()
    {
        var columns = Read("a,b\n1,\n\n,2\n");

        Assert.Equal(["1", ""], columns.Values[0]);
        Assert.Equal(["", "2"], columns.Values[1]);
    }

    [Fact]
    public void A_stream_is_read_as_UTF8_with_its_byte_order_mark_dropped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("città,x\nTorino,1\n")).ToArray();

        var columns = ReferenceColumns.ReadCsv(new MemoryStream(bytes));

        Assert.Equal(["città", "x"], columns.Names);
        Assert.Equal(["Torino"], columns.Values[0]);
    }

    [Fact]
    public void Typed_columns_keep_their_types_and_turn_NaN_into_missing()
    {
        var columns = new ReferenceColumns(["price"], [[1.5, double.NaN, 0.1]], ["day"], [["1", null, "7"]]);

        Assert.Equal(["price", "day"], columns.Names);
        Assert.Equal(["1.5", null, "0.1"], columns.Values[0]);
        Assert.Equal(["1", null, "7"], columns.Values[1]);
        Assert.Equal([FeatureType.Numeric, FeatureType.Categorical], columns.Types);
    }

    [Fact]
    public void An_empty_file_names_line_1()
    {
        Assert.StartsWith("line 1: the reference is empty", Fails("").Message);
        Assert.Equal(1, Fails("\n\n").Line);
    }

    [Fact]
    public void A_header_without_rows_names_the_line_after_it()
    {
        var error = Fails("a,b\n");

        Assert.Equal(2, error.Line);
        Assert.StartsWith("line 2: the header is not followed by any row", error.Message);
    }

    [Fact]
    public void A_repeated_column_name_names_both_columns()
    {
        var error = Fails("a,b,a\n1,2,3\n");

        Assert.Equal("line 1, column 3: the header names 'a' again (column 1 has that name); column names must be unique.", error.Message);
        Assert.Equal("a", error.Column);
    }

    [Fact]
    public void An_unnamed_column_names_its_position()
    {
        Assert.Equal("line 1, column 2: the header gives this column no name; name every column.", Fails("a,,c\n1,2,3\n").Message);
    }

    [Fact]
    public void A_short_row_names_its_line_and_the_first_column_it_lacks()
    {
        var error = Fails("a,b,c\n1,2,3\n4,5\n");

        Assert.Equal("line 3: the row has 2 fields but the header names 3 columns; it ends before column 'c'.", error.Message);
        Assert.Equal((3, "c"), (error.Line, error.Column));
    }

    [Fact]
    public void A_long_row_names_its_line_and_the_field_without_a_column()
    {
        var error = Fails("a,b\n1,2\n\n3,4,5\n");

        Assert.Equal("line 4: the row has 3 fields but the header names 2 columns; field 3 (\"5\") has no column.", error.Message);
    }

    [Fact]
    public void A_row_after_a_quoted_line_break_is_named_by_the_line_it_starts_on()
    {
        Assert.Equal(4, Fails("a,b\n1,\"x\ny\"\n3\n").Line);
    }

    [Fact]
    public void A_stray_quote_names_its_line()
    {
        var error = Fails("a,b\n1,2\n3,x\"y\n");

        Assert.Equal(3, error.Line);
        Assert.StartsWith("line 3: a quote is not closed, or stands inside a field that does not start with one", error.Message);
    }

    [Fact]
    public void A_value_longer_than_a_category_names_its_column_and_line()
    {
        var ok = Read($"a,b\n1,{new string('v', 256)}\n");
        Assert.Equal(256, ok.Values[1][0]!.Length);

        // Line 4: the quoted line break in row 2 puts row 3 on line 4.
        var error = Fails($"a,b\n1,\"x\ny\"\n2,{new string('v', 257)}\n");

        Assert.Equal("line 4: the value in column 'b' is 257 characters long; a reference value is at most 256, as a category is.", error.Message);
        Assert.Equal((4, "b", "b"), (error.Line, error.Column, error.Field));
    }

    [Fact]
    public void A_column_name_longer_than_a_feature_name_is_named_by_its_first_128_characters()
    {
        var name = new string('n', 129);

        var error = Fails($"a,{name}\n1,2\n");

        Assert.Equal("line 1, column 2: the column name is 129 characters long; a name is at most 128, as a feature's is.", error.Message);
        Assert.Equal(new string('n', 128) + "…", error.Field);
        Assert.Equal(128, Read($"a,{name[..128]}\n1,2\n").Names[1].Length);
    }

    [Fact]
    public void More_than_4000_columns_are_refused()
    {
        var header = string.Join(',', Enumerable.Range(0, 4_001).Select(i => $"c{i}"));

        var error = Fails(header + "\n" + string.Join(',', Enumerable.Repeat("1", 4_001)) + "\n");

        Assert.Equal(("line 1: the header names 4001 columns; a reference has at most 4000.", "body"), (error.Message, error.Field));
        Assert.Equal(4_000, Read(string.Join(',', Enumerable.Range(0, 4_000).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Repeat("1", 4_000))).Names.Count);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opens_on()
    {
        var error = Fails("a,b\n1,\"open\n2,3\n");

        Assert.Equal(2, error.Line);
        Assert.StartsWith("line 2: a quote is not closed", error.Message);
    }
}
