using EdgeDevices.Gateway.Lighting;
using EdgeDevices.Gateway.Lighting.Model;

namespace EdgeDevices.Gateway.Tests.Lighting;

/// <summary>The schedule document a lamp is sent: its content hash ignores the version, and a resend keeps the version it was sent under.</summary>
public sealed class ScheduleCompilerTests
{
    private static readonly CalendarDefinition Calendar = new("city", "every night", [new CalendarRuleDefinition(1)]);
    private static readonly ControlProgramDefinition[] Programs = [new(1, "midnight dimming", "sunset-10", "sunrise+10", 100, [new ProgramStepDefinition("23:00", 70)])];

    [Fact]
    public void A_document_rendered_under_another_version_is_the_one_compiled_under_it_with_the_same_content_hash()
    {
        var compiled = ScheduleCompiler.Compile(Calendar, Programs, 7);
        var earlier = ScheduleCompiler.Compile(Calendar, Programs, 3);
        Assert.Empty(compiled.Problems);
        Assert.Equal(earlier.Document, compiled.Render(3));
        Assert.Equal(earlier.ContentHash, compiled.ContentHash);
        Assert.NotEqual(compiled.Document, compiled.Render(3));
    }

    [Fact]
    public void A_calendar_naming_a_missing_program_has_no_document_to_render()
    {
        var broken = ScheduleCompiler.Compile(Calendar with { Rules = [new CalendarRuleDefinition(9)] }, Programs, 1);
        Assert.Null(broken.Document);
        Assert.Contains("program 9 does not exist", Assert.Single(broken.Problems), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => broken.Render(1));
    }
}
