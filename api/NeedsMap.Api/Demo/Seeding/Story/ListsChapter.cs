using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// The seed's one-thing bundles (一件事), each joining services of the service list so a resident asks once, and the
/// reform item the after-death bundle could not do without. Created through the service list and the reform list.
/// </summary>
internal sealed class ListsChapter(StoryStage stage, StoryCalendar calendar)
{
    private static readonly (string Name, string Description, (string Category, string Service, string[] Departments, int Hours)[] Services)[] Bundles =
    [
        ("公租房一件事", "申请、收入财产核对、配租和租赁补贴一次申请，不再分头跑住建和民政。",
        [
            ("housing.rental", "公租房申请受理与配租", ["housing"], 480),
            ("housing.rental", "住房保障家庭收入与财产核对", ["civil_affairs"], 240),
            ("housing.rental", "公租房租赁补贴发放", ["housing", "civil_affairs"], 480),
        ]),
        ("公示公告一件事", "夜间施工许可、噪声监测结果和社区事务在一处公示，居民一次看全。",
        [
            ("noise.construction", "夜间施工许可公示", ["housing"], 24),
            ("noise.construction", "施工噪声监测结果公示", ["environment"], 24),
            ("community.affairs", "社区事务公开公示", ["civil_affairs"], 72),
        ]),
        ("交通事故轻微无人伤一件事", "轻微、无人伤亡的交通事故线上定责、快处快赔，车辆先撤离再处理。",
        [
            ("traffic.congestion", "轻微交通事故线上快处定责", ["police"], 2),
            ("traffic.congestion", "事故车辆快速撤离与道路恢复", ["transport"], 2),
            ("market.consumer_rights", "保险快赔理赔协调", ["market"], 72),
        ]),
        ("困难群众救助一件事", "低保、特困、临时救助、医疗救助和就业援助一次申请、一次核对。",
        [
            ("community.affairs", "最低生活保障与特困供养申请", ["civil_affairs"], 240),
            ("community.affairs", "临时救助", ["civil_affairs"], 72),
            ("health.medical_insurance", "困难群众医疗救助", ["medical_security"], 240),
            ("employment.jobs", "就业援助", ["human_resources"], 168),
        ]),
        ("身后一件事", "死亡证明、户籍注销、社保医保停发结算、丧葬补助和殡葬服务，家属只跑一次。",
        [
            ("health.public_health", "死亡医学证明", ["health"], 24),
            ("community.affairs", "户籍注销", ["police"], 24),
            ("employment.social_insurance", "社保待遇停发与丧葬补助", ["human_resources"], 120),
            ("health.medical_insurance", "医保个人账户结算与继承", ["medical_security"], 120),
            ("community.affairs", "殡葬服务与惠民殡葬补贴", ["civil_affairs"], 72),
        ]),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        var days = 300;
        foreach (var (name, description, services) in Bundles)
        {
            var ids = new List<string>();
            foreach (var (category, service, departments, hours) in services)
            {
                var item = await stage.ServiceList().SaveAsync(new ServiceItemInput(null, category, service, departments, hours), ct);
                ids.Add(StoryIds.ServiceItem(item.Id));
            }
            await stage.At(calendar.Day(days, 10)).Reforms(stage.As(StoryCast.ReformOffice)).CreateOneThingAsync(new OneThingInput(name, description, ids), ct);
            days -= 30;
        }
        await stage.At(calendar.Day(150, 10)).Reforms(stage.As(StoryCast.ReformOffice)).AddAsync(new ReformItemInput(
            "身后事信息跨部门共享",
            "身后一件事要由卫健、公安、人力社保、医保、民政五个部门各自核对死亡信息，家属仍需重复提交材料：需打通死亡信息共享并修订各部门办事指南。",
            ["health", "police", "human_resources", "medical_security", "civil_affairs"], true,
            "身后一件事上线后，家属仍需在五个部门重复提交死亡证明。", null), ct);
    }
}
