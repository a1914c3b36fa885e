using System.Text;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.SchemaInference;

/// <summary>
/// A pass over a reference CSV's bytes as they arrive, so that an absurd body is refused before it is all read: a cell (a column name
/// or a value, quotes included) longer than <see cref="BatchLimits.MaxTextBytes"/>, or a row of more than
/// <see cref="BatchLimits.MaxReferenceColumns"/> fields. It splits fields and rows as <see cref="ReferenceColumns.ReadCsv(TextReader)"/>
/// does (commas, '"' quotes with "" inside, line breaks inside quotes, \n, \r\n or \r between rows, blank lines skipped) and names
/// lines as it does (the line a row starts on); everything else, and the exact limits, are left to that reader.
/// </summary>
public sealed class ReferenceCsvPreflight
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly List<string> _header = [];
    private readonly List<byte> _name = [];
    private int _start;
    private long _cellBytes;
    private int _field;
    private int _line = 1;
    private int _rowLine = 1;
    private bool _rowEmpty = true;
    private bool _headerDone;
    private bool _quoted;
    private bool _quotePending;
    private bool _afterCarriageReturn;

    /// <summary>Reads the next bytes of the body; a problem naming the column (or body) and line once the body passes a limit, else null.</summary>
    public FieldError? Add(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            // A byte-order mark at the very start is not part of the first name (the reader drops it too).
            if (_start >= 0 && _start < Bom.Length && b == Bom[_start])
            {
                _start++;
                continue;
            }

            _start = -1;

            if (Next(b) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private FieldError? Next(byte b)
    {
        var afterCarriageReturn = _afterCarriageReturn;
        _afterCarriageReturn = false;
        if (_quoted)
        {
            if (!_quotePending)
            {
                _quotePending = b == '"';
                _line += b == '\n' ? 1 : 0;
                return Keep(b, text: b != '"');
            }

            _quotePending = false;
            if (b == '"')
            {
                // "" inside quotes: one quote of the text.
                return Keep(b, text: true);
            }

            _quoted = false;
        }

        switch (b)
        {
            case (byte)',':
                EndField();
                return ++_field < BatchLimits.MaxReferenceColumns ? null
                    : new FieldError("body", $"line {_rowLine}: the row has more than {BatchLimits.MaxReferenceColumns} fields; a reference has at most {BatchLimits.MaxReferenceColumns} columns");
            case (byte)'\n' when afterCarriageReturn:
                return null;
            case (byte)'\r' or (byte)'\n':
                _afterCarriageReturn = b == '\r';
                EndRow();
                _line++;
                _rowLine = _line;
                return null;
            case (byte)'"' when _cellBytes == 0:
                _quoted = true;
                return Keep(b, text: false);
            default:
                return Keep(b, text: true);
        }
    }

    /// <summary>Counts a byte of the current cell; the header's are kept (unquoted) to name the columns.</summary>
    private FieldError? Keep(byte b, bool text)
    {
        _rowEmpty = false;
        if (++_cellBytes > BatchLimits.MaxTextBytes)
        {
            return _headerDone
                ? new FieldError(_field < _header.Count ? _header[_field] : "body", $"line {_rowLine}: a value of more than {BatchLimits.MaxTextBytes} bytes; a reference value is at most {BatchLimits.MaxCategoryLength} characters, as a category is")
                : new FieldError("body", $"line {_rowLine}, column {_field + 1}: a column name of more than {BatchLimits.MaxTextBytes} bytes; a name is at most {BatchLimits.MaxFeatureNameLength} characters, as a feature's is");
        }

        if (text && !_headerDone)
        {
            _name.Add(b);
        }

        return null;
    }

    private void EndField()
    {
        _rowEmpty = false;
        if (!_headerDone)
        {
            _header.Add(Encoding.UTF8.GetString([.. _name]));
            _name.Clear();
        }

        _cellBytes = 0;
    }

    /// <summary>The end of a row; a blank line is no row (and so not the header).</summary>
    private void EndRow()
    {
        if (!_rowEmpty)
        {
            EndField();
            _headerDone = true;
        }

        (_field, _cellBytes, _rowEmpty) = (0, 0, true);
    }
}
