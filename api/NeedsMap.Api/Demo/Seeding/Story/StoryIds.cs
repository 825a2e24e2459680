using System.Globalization;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>The global ids the services take, as a client would send them.</summary>
internal static class StoryIds
{
    public static string Need(long id) => Of(NeedGraphType.TypeName, id);

    public static string Whistle(long id) => Of(WhistleReader.TypeName, id);

    public static string Consultation(long id) => Of(ConsultationReader.TypeName, id);

    public static string Participant(long id) => Of(ConsultationReader.ParticipantType, id);

    public static string Post(long id) => Of(ConsultationReader.PostType, id);

    public static string Proposal(long id) => Of(ConsultationReader.ProposalType, id);

    public static string ServiceItem(long id) => Of(ServiceList.TypeName, id);

    private static string Of(string type, long id) => GlobalId.Encode(type, id.ToString(CultureInfo.InvariantCulture));
}
