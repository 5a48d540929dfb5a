namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>
/// A calendar (TALQ): rules in priority order choosing a program per schedule day by weekday, date range
/// and holidays; a default program or level when none matches; the holidays; when a schedule day starts.
/// </summary>
public sealed record CalendarDefinition(
    string Id,
    string Name,
    IReadOnlyList<CalendarRuleDefinition> Rules,
    int? DefaultProgram = null,
    int DefaultLevel = 100,
    string DayStart = "12:00",
    IReadOnlyList<string>? Holidays = null);

/// <summary>
/// Run <see cref="Program"/> on days matching every given condition: <see cref="Weekdays"/>
/// (<c>mon</c>…<c>sun</c>), <see cref="Holidays"/> (<c>any</c>, <c>only</c>, <c>except</c>) and a date range
/// <see cref="From"/>–<see cref="Until"/> (<c>MM-DD</c> yearly or <c>YYYY-MM-DD</c>).
/// </summary>
public sealed record CalendarRuleDefinition(
    int Program,
    IReadOnlyList<string>? Weekdays = null,
    string? Holidays = null,
    string? From = null,
    string? Until = null);
