using System.Text;
using OrleansCt.Core.SchemaInference;

namespace OrleansCt.Core.Tests.SchemaInference;

/// <summary>The byte pass over a reference CSV as it arrives: a cell over 64 KiB or a row over 4,000 fields is refused there, naming the column and line.</summary>
public sealed class ReferenceCsvPreflightTests
{
    private const int Limit = 64 * 1024;

    /// <summary>Feeds the text in chunks of <paramref name="chunk"/> bytes; the problem and how many bytes had been fed when it came.</summary>
    private static (FieldError? Problem, int Fed) Feed(string text, int chunk = 1000) => Feed(Encoding.UTF8.GetBytes(text), chunk);

    private static (FieldError? Problem, int Fed) Feed(byte[] bytes, int chunk = 1000)
    {
        var preflight = new ReferenceCsvPreflight();
        for (var at = 0; at < bytes.Length; at += chunk)
        {
            var length = Math.Min(chunk, bytes.Length - at);
            if (preflight.Add(bytes.AsSpan(at, length)) is { } problem)
            {
                return (problem, at + length);
            }
        }

        return (null, bytes.Length);
    }

    [Fact]
    public void A_cell_one_byte_over_64_KiB_is_refused_naming_its_column_and_line_as_soon_as_it_arrives()
    {
        var head = "a,b,c\n1,2,3\n4,";
        var (problem, fed) = Feed(head + new string('v', 10 * 1024 * 1024) + ",6\n");

        Assert.Equal("b", problem!.Field);
        Assert.Equal("line 3: a value of more than 65536 bytes; a reference value is at most 256 characters, as a category is", problem.Message);
        // Refused in the chunk that holds the value's 65,537th byte, not at the end of the 10 MB.
        Assert.InRange(fed, head.Length + Limit + 1, head.Length + Limit + 1000);
    }

    [Fact]
    public void A_cell_of_exactly_64_KiB_passes_and_so_do_ordinary_files()
    {
        Assert.Null(Feed($"a,b\n1,{new string('v', Limit)}\n").Problem);
        Assert.Null(Feed("name,note\r\na,\"x, y\"\r\n\"b\",\"say \"\"hi\"\"\"\r\nc,\"two\nlines\"\r\n", chunk: 3).Problem);
    }

    [Fact]
    public void Quoted_commas_line_breaks_and_quotes_stay_in_their_cell_and_lines_are_counted_as_the_reader_counts_them()
    {
        // Row 2 spans lines 2 and 3 (a quoted line break), line 4 is blank, \r\n ends lines: the long row starts on line 5. Its value is
        // quoted and made of commas, quotes and line breaks, which all belong to it (column c).
        var text = "a,b,c\r\n1,\"x\ny\",3\r\n\r\n4,5,\"" + string.Concat(Enumerable.Repeat("a,\n\"\"", 20_000)) + "\"\r\n";

        var (problem, _) = Feed(text, chunk: 777);

        Assert.Equal(("c", "line 5"), (problem!.Field, problem.Message[..6]));

        // The reader counts the same line for a value over its own limit at the same place.
        var reader = Assert.Throws<ReferenceFormatException>(() => ReferenceColumns.ReadCsv(new StringReader("a,b,c\r\n1,\"x\ny\",3\r\n\r\n4,5," + new string('v', 257) + "\r\n")));
        Assert.Equal(5, reader.Line);
    }

    [Fact]
    public void A_header_name_over_64_KiB_a_quoted_name_and_a_byte_order_mark_are_read_as_the_reader_reads_them()
    {
        var (name, _) = Feed("a," + new string('n', Limit + 1) + "\n1,2\n");
        Assert.Equal(("body", "line 1, column 2: a column name of more than 65536 bytes; a name is at most 128 characters, as a feature's is"), (name!.Field, name.Message));

        // The header's quoted name x"y (with a doubled quote) and a byte-order mark before the first name ("a", not "\uFEFFa").
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,\"x\"\"y\"\n1," + new string('v', Limit + 1) + "\n2," + new string('v', Limit + 1))).ToArray();
        Assert.Equal("x\"y", Feed(bom, chunk: 5).Problem!.Field);
        var first = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,b\n" + new string('v', Limit + 1))).ToArray();
        Assert.Equal("a", Feed(first).Problem!.Field);
    }

    [Fact]
    public void A_row_of_more_than_4000_fields_is_refused_and_4000_pass()
    {
        var header = string.Join(',', Enumerable.Range(0, 4_000).Select(i => $"c{i}")) + "\n";
        Assert.Null(Feed(header + string.Join(',', Enumerable.Repeat("1", 4_000)) + "\n").Problem);

        var (problem, _) = Feed(header + string.Join(',', Enumerable.Repeat("1", 100_000)) + "\n");

        Assert.Equal(("body", "line 2: the row has more than 4000 fields; a reference has at most 4000 columns"), (problem!.Field, problem.Message));
        Assert.Equal("body", Feed(string.Join(',', Enumerable.Range(0, 4_001).Select(i => $"c{i}"))).Problem!.Field);
    }
}
