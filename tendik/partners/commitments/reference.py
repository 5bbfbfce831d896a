"""The Generation Equality Action Coalitions' action areas (the Global Acceleration Plan, 2021),
as data in four languages. The GBV coalition's four actions are all here; the other coalitions
have the one or two that commitments in the region most often name."""

from dataclasses import dataclass

from tendik.core.i18n import localized
from tendik.partners.models import ActionCoalition


@dataclass(frozen=True)
class ActionArea:
    code: str
    title_ru: str
    title_ky: str
    title_kk: str
    title_en: str

    @property
    def title(self) -> str:
        return localized(self, "title").text


A = ActionArea
ACTION_AREAS: dict[str, tuple[ActionArea, ...]] = {
    ActionCoalition.GBV: (
        A("gbv-policy", "Политика и законодательство: благоприятная правовая среда для "
          "прекращения гендерного насилия",
          "Саясат жана мыйзамдар: гендердик зомбулукту токтотуу үчүн укуктук чөйрө",
          "Саясат және заңнама: гендерлік зорлық-зомбылықты тоқтатуға қолайлы құқықтық орта",
          "Policy and law: an enabling legal and policy environment to end GBV"),
        A("gbv-prevention", "Профилактика: программы предотвращения насилия, основанные на "
          "фактических данных",
          "Алдын алуу: далилдерге негизделген зомбулуктун алдын алуу программалары",
          "Алдын алу: дәлелдерге негізделген зорлық-зомбылықтың алдын алу бағдарламалары",
          "Prevention: evidence-driven prevention programmes"),
        A("gbv-services", "Услуги и реагирование: доступные и качественные услуги для "
          "пострадавших",
          "Кызматтар жана жооп кайтаруу: жабыр тарткандар үчүн жеткиликтүү жана сапаттуу "
          "кызматтар",
          "Қызметтер және әрекет ету: зардап шеккендерге қолжетімді және сапалы қызметтер",
          "Services and response: accessible, quality services for survivors"),
        A("gbv-wro", "Женские правозащитные организации и феминистские движения: поддержка и "
          "финансирование",
          "Аялдардын укуктарын коргоочу уюмдар жана феминисттик кыймылдар: колдоо жана "
          "каржылоо",
          "Әйелдер құқықтарын қорғайтын ұйымдар мен феминистік қозғалыстар: қолдау және "
          "қаржыландыру",
          "Women's rights organisations and feminist movements: support and funding"),
    ),
    ActionCoalition.ECONOMIC: (
        A("econ-care", "Признание, сокращение и перераспределение неоплачиваемого труда по уходу",
          "Акы төлөнбөгөн кам көрүү эмгегин таануу, кыскартуу жана кайра бөлүштүрүү",
          "Ақысыз күтім еңбегін тану, қысқарту және қайта бөлу",
          "Recognise, reduce and redistribute unpaid care work"),
        A("econ-assets", "Доступ женщин к производственным ресурсам, земле и финансам",
          "Аялдардын өндүрүштүк ресурстарга, жерге жана каржыга жетүүсү",
          "Әйелдердің өндірістік ресурстарға, жерге және қаржыға қолжетімділігі",
          "Women's access to productive resources, land and finance"),
    ),
    ActionCoalition.BODILY_AUTONOMY: (
        A("ba-services", "Качественные услуги в области сексуального и репродуктивного здоровья",
          "Сексуалдык жана репродуктивдүү ден соолук боюнча сапаттуу кызматтар",
          "Жыныстық және репродуктивтік денсаулық саласындағы сапалы қызметтер",
          "Quality sexual and reproductive health services"),
    ),
    ActionCoalition.CLIMATE: (
        A("climate-finance", "Доступ к финансированию гендерно-справедливых климатических "
          "решений",
          "Гендердик жактан адилеттүү климаттык чечимдерди каржылоого жетүү",
          "Гендерлік тұрғыдан әділ климаттық шешімдерді қаржыландыруға қол жеткізу",
          "Access to finance for gender-just climate solutions"),
    ),
    ActionCoalition.TECHNOLOGY: (
        A("tech-access", "Преодоление гендерного разрыва в цифровом доступе и навыках",
          "Санариптик жетүүдөгү жана көндүмдөрдөгү гендердик ажырымды жоюу",
          "Цифрлық қолжетімділік пен дағдылардағы гендерлік алшақтықты жою",
          "Bridge the gender gap in digital access and competences"),
        A("tech-online-gbv", "Предотвращение гендерного насилия в интернете",
          "Интернеттеги гендердик зомбулуктун алдын алуу",
          "Интернеттегі гендерлік зорлық-зомбылықтың алдын алу",
          "Prevent and eliminate online and tech-facilitated GBV"),
    ),
    ActionCoalition.LEADERSHIP: (
        A("lead-participation", "Участие и лидерство женщин в принятии решений",
          "Аялдардын чечим кабыл алууга катышуусу жана лидерлиги",
          "Әйелдердің шешім қабылдауға қатысуы мен көшбасшылығы",
          "Women's participation and leadership in decision-making"),
        A("lead-funding", "Устойчивое финансирование феминистских организаций",
          "Феминисттик уюмдарды туруктуу каржылоо",
          "Феминистік ұйымдарды тұрақты қаржыландыру",
          "Sustainable funding for feminist organisations"),
    ),
}


def action_area(coalition: str, code: str) -> ActionArea | None:
    """The action area `code` of `coalition`, or None when the coalition has no such area."""
    return next((area for area in ACTION_AREAS.get(coalition, ()) if area.code == code), None)


def action_area_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every coalition's areas as select optgroups, in the reader's language."""
    labels = dict(ActionCoalition.choices)
    return [(str(labels[coalition]), [(area.code, area.title) for area in areas])
            for coalition, areas in ACTION_AREAS.items()]
