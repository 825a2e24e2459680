namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// A minimal valid operation for every root field, keyed "query.name", "mutation.name", "subscription.name".
/// Placeholders: {foreign} each seeded need's id, {lon}/{lat} a point in the target jurisdiction, {jurisdiction} the target
/// jurisdiction (own and foreign: a subscription's refusal and events follow it), {whistle} a whistle about 鸡鸣山社区 calling
/// the enforcement department, {consultation} a consultation in 鸡鸣山社区.
/// A root field without an entry fails <see cref="AuthorizationMatrixTests.Every_root_field_has_a_sample_operation"/>:
/// add one line here when you add a field, and the whole matrix covers it.
/// </summary>
internal static class SampleOperations
{
    public static readonly Dictionary<string, string> All = new(StringComparer.Ordinal)
    {
        ["query.node"] = """{ node(id: "{foreign}") { id ... on Need { text } } }""",
        ["query.need"] = """{ need(id: "{foreign}") { id text } }""",
        ["query.needs"] = """{ needs(first: 50) { totalCount edges { node { id text jurisdiction { code } } } } }""",
        ["query.needStats"] = """{ needStats(groupBy: JURISDICTION, jurisdictionLevel: STREET) { totalCount groups { key count } } }""",
        ["query.jurisdiction"] = """{ jurisdiction(code: "330782002") { code name } }""",
        ["query.jurisdictions"] = """{ jurisdictions { code } }""",
        ["query.categories"] = """{ categories { code } }""",
        ["query.category"] = """{ category(code: "noise") { code } }""",
        ["query.channels"] = """{ channels { code } }""",
        ["query.channel"] = """{ channel(code: "12345") { code } }""",
        ["query.rejectedRecords"] = """{ rejectedRecords(first: 10) { id reasonCode } }""",
        ["query.channelPlugins"] = """{ channelPlugins { name state } }""",
        ["mutation.replayRejected"] = """mutation { replayRejected(ids: []) { id state } }""",
        ["query.departments"] = """{ departments { code } }""",
        ["query.serviceList"] = """{ serviceList { id } }""",
        ["query.whistles"] = """{ whistles { id title } }""",
        ["query.whistle"] = """{ whistle(id: "{whistle}") { id title } }""",
        ["query.needHistory"] = """{ needHistory(id: "{foreign}") { kind } }""",
        ["query.scenes"] = """{ scenes { id } }""",
        ["query.sceneEffect"] = """{ sceneEffect(id: "V2hpc3RsZTo5OTk5OTk=") { verdict } }""",
        ["query.consultations"] = """{ consultations { id title } }""",
        ["query.consultation"] = """{ consultation(id: "{consultation}") { id title } }""",
        ["query.reformList"] = """{ reformList { id } }""",
        ["query.oneThings"] = """{ oneThings { id } }""",
        ["mutation.saveServiceItem"] = """mutation { saveServiceItem(input: { categoryCode: "no.such", deadlineHours: 24, departmentCodes: ["none"], name: "矩阵" }) { id } }""",
        ["mutation.blowWhistle"] = """mutation { blowWhistle(input: { blownBy: "330782002005", needIds: ["V2hpc3RsZTo5OTk5OTk="] }) { id } }""",
        ["mutation.acknowledgeWhistle"] = """mutation { acknowledgeWhistle(input: { id: "{whistle}", departmentCode: "enforcement" }) { id } }""",
        ["mutation.reportWhistleProgress"] = """mutation { reportWhistleProgress(input: { id: "{whistle}", departmentCode: "enforcement" }) { id } }""",
        ["mutation.resolveWhistle"] = """mutation { resolveWhistle(input: { id: "{whistle}", departmentCode: "enforcement" }) { id } }""",
        ["mutation.rateWhistle"] = """mutation { rateWhistle(input: { id: "V2hpc3RsZTo5OTk5OTk=", rating: 5 }) { id } }""",
        ["mutation.reopenWhistle"] = """mutation { reopenWhistle(input: { id: "V2hpc3RsZTo5OTk5OTk=" }) { id } }""",
        ["mutation.createScene"] = """mutation { createScene(input: { name: "矩阵", categoryCodes: ["no.such"], area: { type: "Polygon", coordinates: [[[120.1,29.3],[120.11,29.3],[120.11,29.31],[120.1,29.3]]] } }) { id } }""",
        ["mutation.evaluateScene"] = """mutation { evaluateScene(id: "V2hpc3RsZTo5OTk5OTk=") { verdict } }""",
        ["mutation.startConsultation"] = """mutation { startConsultation(input: { title: "" }) { id } }""",
        ["mutation.joinConsultation"] = """mutation { joinConsultation(input: { consultationId: "V2hpc3RsZTo5OTk5OTk=", name: "矩阵", role: RESIDENT }) { id } }""",
        ["mutation.postToConsultation"] = """mutation { postToConsultation(input: { consultationId: "V2hpc3RsZTo5OTk5OTk=", participantId: "V2hpc3RsZTo5OTk5OTk=", body: "矩阵" }) { id } }""",
        ["mutation.hidePost"] = """mutation { hidePost(input: { postId: "V2hpc3RsZTo5OTk5OTk=", reason: "矩阵" }) { id } }""",
        ["mutation.propose"] = """mutation { propose(input: { consultationId: "V2hpc3RsZTo5OTk5OTk=", participantId: "V2hpc3RsZTo5OTk5OTk=", text: "矩阵" }) { id } }""",
        ["mutation.supportProposal"] = """mutation { supportProposal(input: { proposalId: "V2hpc3RsZTo5OTk5OTk=", participantId: "V2hpc3RsZTo5OTk5OTk=" }) { id } }""",
        ["mutation.closeConsultation"] = """mutation { closeConsultation(input: { id: "V2hpc3RsZTo5OTk5OTk=", outcome: "矩阵" }) { id } }""",
        ["mutation.addReformItem"] = """mutation { addReformItem(input: { title: "矩阵", problem: "矩阵", evidence: "矩阵", departmentCodes: ["none"] }) { id } }""",
        ["mutation.createOneThing"] = """mutation { createOneThing(input: { name: "矩阵", serviceItemIds: ["V2hpc3RsZTo5OTk5OTk="] }) { id } }""",
        ["subscription.whistleChanged"] = """subscription { whistleChanged(jurisdictionCode: "{jurisdiction}") { id title } }""",
        ["subscription.consultationActivity"] = """subscription { consultationActivity(id: "{consultation}") { kind consultation { id } } }""",
        ["query.cells"] = """{ cells(resolution: R500, jurisdictionCode: "330782002") { cellId count } }""",
        ["query.trend"] = """{ trend(interval: WEEK) { __typename } }""",
        ["query.forecast"] = """{ forecast(interval: WEEK, horizon: 2) { __typename } }""",
        ["query.warnings"] = """{ warnings { __typename } }""",
        ["mutation.rebuildCells"] = """mutation { rebuildCells { __typename } }""",
        ["mutation.detectWarnings"] = """mutation { detectWarnings }""",
        ["query.keyMatters"] = """{ keyMatters(jurisdictionCode: "330782002") { records cases residents categories { rank label demandIndex explanation } topics { topic } } }""",
        ["query.topics"] = """{ topics(jurisdictionCode: "330782002", categoryCode: "noise") { topic demandIndex } }""",
        ["query.demandList"] = """{ demandList(jurisdictionCode: "330782002") { items { matter { label } sampleNeeds { id text } communities { code } services { name } } } }""",
        ["query.groupPortraits"] = """{ groupPortraits(jurisdictionCode: "330782002") { minimumGroup groups { value needs topCategories { code } } } }""",
        ["query.case"] = """{ case(id: "Q2FzZTo5OTk5OTk=") { id needs { id text } } }""",
        ["mutation.setCategoryWeight"] = """mutation { setCategoryWeight(code: "no.such", weight: 1) { code } }""",
        ["mutation.rebuildKeyMatters"] = """mutation { rebuildKeyMatters { needs } }""",
        ["subscription.keyMattersChanged"] = """subscription { keyMattersChanged(jurisdictionCode: "{jurisdiction}") { jurisdictionCode } }""",
        ["subscription.cellChanged"] = """subscription { cellChanged(resolution: R500, jurisdictionCode: "{jurisdiction}") { cellId jurisdictionCode } }""",
        ["subscription.warningRaised"] = """subscription { warningRaised(jurisdictionCode: "{jurisdiction}") { scope jurisdictionCode } }""",
        ["query.auditLog"] = """{ auditLog(first: 10) { actor needId fields } }""",
        ["query.reviewQueue"] = """{ reviewQueue(jurisdictionCode: "330782002", first: 10) { totalCount edges { node { need { id text } suggestions { score } } } } }""",
        ["query.classifierModels"] = """{ classifierModels { version active } }""",
        ["query.classifierTrainingSets"] = """{ classifierTrainingSets { name rows } }""",
        ["mutation.labelNeed"] = """mutation { labelNeed(id: "TmVlZDo5OTk5OTk5", categoryCode: "noise.construction") { id } }""",
        // A CSV naming an unknown category is refused before any training, so the matrix trains nothing.
        ["mutation.trainClassifier"] = """mutation { trainClassifier(input: { fromLabelledNeeds: false, csv: "text,category\n矩阵,no.such" }) { version } }""",
        ["mutation.activateClassifierModel"] = """mutation { activateClassifierModel(version: "needs-no-such-version") { version } }""",
        ["mutation.submitNeed"] = """mutation { submitNeed(input: { text: "矩阵测试 13812345678", location: { type: "Point", coordinates: [{lon}, {lat}] }, categoryCode: "noise" }) { id text } }""",
        ["subscription.needChanged"] = """subscription { needChanged { kind need { id text } } }""",
    };
}
