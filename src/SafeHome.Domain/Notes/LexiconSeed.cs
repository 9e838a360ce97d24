namespace SafeHome.Domain.Notes;

public sealed record SeedTerm(Guid Id, string Term, string Preferred, string Explanation, LexiconSeverity Severity);

/// The starting lexicon from DOMAIN.md §5, created by the migrations with fixed ids so both providers hold the same
/// rows. Directors change it from there.
public static class LexiconSeed
{
    public static IReadOnlyList<SeedTerm> Terms { get; } =
    [
        new(new Guid("5afe1e00-0000-4000-8000-000000000001"), "child prostitute", "youth who experienced commercial sexual exploitation", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000002"), "teen prostitute", "youth who experienced commercial sexual exploitation", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000003"), "juvenile prostitute", "youth who experienced commercial sexual exploitation", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000004"), "underage sex worker", "youth who experienced commercial sexual exploitation", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000005"), "prostituting", "was trafficked / exploited / sold by…", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000006"), "turning tricks", "was exploited / sold by…", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000007"), "sold herself", "was sold by… / was exploited", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000008"), "sold himself", "was sold by… / was exploited", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000009"), "sold themselves", "was sold by… / was exploited", "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000010"), "chose to", "was coerced / made to / exploited (when about exploitation)", "Exploitation is never a choice of the child; this wording implies consent. Fine for everyday choices.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000011"), "willingly", "was coerced / made to", "Implies a minor consented to exploitation.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000012"), "consented", "was coerced / exploited", "Minors cannot consent to commercial sex.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000013"), "agreed to", "was made to / was coerced (when about exploitation)", "Implies consent when used about exploitation. Fine for plan agreements.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000014"), "john", "sex buyer; exploiter", "ECPAT-USA: the term minimises the buyer's responsibility for abuse.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000015"), "johns", "sex buyers; exploiters", "ECPAT-USA: the term minimises the buyer's responsibility for abuse.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000016"), "client", "sex buyer; exploiter (when about a buyer)", "Calls a buyer of a child a customer. Use \"youth\" or the youth's name for the person in care.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000017"), "customer", "sex buyer; exploiter", "Calls a buyer of a child a customer (ECPAT-USA).", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000018"), "trick", "sex buyer; exploiter", "Vernacular that frames abuse as a transaction (ECPAT-USA).", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000019"), "pimp", "trafficker / exploiter (quote the youth's term if clinically relevant)", "ECPAT-USA: glamorises the trafficker; in staff voice use \"trafficker\".", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000020"), "pimps", "traffickers / exploiters", "ECPAT-USA: glamorises the trafficker; in staff voice use \"traffickers\".", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000021"), "daddy", "trafficker / exploiter; quote the youth's term if clinically relevant", "Vernacular for a trafficker; in staff voice it normalises the relationship.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000022"), "boyfriend", "the person the youth calls \"boyfriend\" (quoted), or trafficker", "When the person is a trafficker, the word hides the exploitation. Quote the youth's word.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000023"), "child pornography", "child sexual abuse material (CSAM)", "ECPAT-USA and the Luxembourg Guidelines: it is abuse, not pornography.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000024"), "kiddie porn", "child sexual abuse material (CSAM)", "ECPAT-USA and the Luxembourg Guidelines: it is abuse, not pornography.", LexiconSeverity.BlockOnSign),
        new(new Guid("5afe1e00-0000-4000-8000-000000000025"), "runaway", "missing from care; left placement without permission", "HHS and state manuals: the youth is missing from care, which calls for a safety response, not blame.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000026"), "ran away", "went missing from care; left placement without permission", "Frames a missing episode as misbehaviour rather than a safety concern.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000027"), "AWOL", "missing from care", "Military/correctional term that frames a missing child as a deserter.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000028"), "eloped", "missing from care; left placement without permission", "Institutional term that hides the safety concern.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000029"), "absconded", "missing from care; left placement without permission", "Correctional term that frames the youth as an offender.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000030"), "ran", "went missing from care / left placement without permission (when about leaving placement)", "Suggestion only: when about leaving placement, name it as missing from care.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000031"), "sex work", "commercial sexual exploitation", "For minors there is no sex work, only exploitation (Irina Project).", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000032"), "sex worker", "youth who experienced commercial sexual exploitation", "For minors there is no sex work, only exploitation (Irina Project).", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000033"), "at-risk youth", "youth with risk factors", "Youth Spark: labels the person instead of naming the risk factors.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000034"), "promiscuous", "describe the specific behaviour and its context", "A moral label that blames the youth; describe what happened instead.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000035"), "manipulative", "describe the specific behaviour and its context", "A label; survival strategies are better described as behaviour in context.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000036"), "attention-seeking", "describe the specific behaviour and its context (for example, \"asked for help\")", "A label that dismisses a need.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000037"), "non-compliant", "describe the specific behaviour and its context; \"declined\"", "A label; say what was asked and what the youth did.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000038"), "acting out", "describe the specific behaviour and its context", "A label that hides what happened and why.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000039"), "refused", "declined", "\"Declined\" respects the youth's right to choose.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000040"), "admitted", "reported; stated; disclosed", "Implies guilt about something the youth disclosed.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000041"), "claims", "reported; stated; disclosed", "Implies the youth's account is doubted.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000042"), "alleged", "reported; stated; disclosed", "Implies the youth's account is doubted; keep \"alleged\" for legal findings about others.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000043"), "failed placement", "placement ended; placement disruption", "Puts the failure on the youth.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000044"), "placement failure", "placement ended; placement disruption", "Puts the failure on the youth.", LexiconSeverity.Warn),
        new(new Guid("5afe1e00-0000-4000-8000-000000000045"), "the life", "put the youth's term in quotes as their own words", "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000046"), "the game", "put the youth's term in quotes as their own words", "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000047"), "bottom", "put the youth's term in quotes as their own words", "Vernacular (a trafficker's enforcer): quote it as the youth's words.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000048"), "choosing up", "put the youth's term in quotes as their own words", "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", LexiconSeverity.Suggest),
        new(new Guid("5afe1e00-0000-4000-8000-000000000049"), "the track", "put the youth's term in quotes as their own words", "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", LexiconSeverity.Suggest),
    ];
}
