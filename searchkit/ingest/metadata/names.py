"""Who can be a speaker: surnames, offices, and the test that a few characters form a person's name."""

from __future__ import annotations

import functools
import re

from ...text.patterns import HAN as _HAN
from ...text.patterns import WS as _WS
from ...text.patterns import nfkc

_CLOSING = "。！？；：，、…!?;:,"
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚"
    "权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭"
    "况宿鲜印逯隆茹诸战慕危玉银亢嵇哈湛宾戎勾茅利於呼居揭干尉斯束檀衣信展阴昝智幸奉植衡富尧习玄"
    "赖萧"  # common in Taiwan and Hong Kong (赖清德, 萧美琴)
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                      "长孙", "宇文", "司徒", "司空", "夏侯", "端木", "独孤", "南宫", "西门", "轩辕")
# Characters that occur in words far more than in given names: a candidate holding one is a phrase.
_NOT_IN_NAMES = set("的了是在和与及等们这那我你他她它其把被对从以而就都也还又要为个不上下年日第各位讲话说议报告部间答问"
                    "词辞省市县区局厅委院办社司处村州府届稿称")
# …except in a name jieba knows as one (钱其琛, 李为民): rare there, common in phrases
_IN_KNOWN_NAMES = set("其为")
# …nor begin one: 副主席被拒续工(作签证), 局长的公开信
_NOT_NAME_STARTS = set("的了是把被")
_FUNCTION_CHARS = set("的了是在和与及等们这那我你他她它其把被对从以而就都也还又要为个不上下年日第各讲话说议报告")
# Surnames that also start everyday words (安全, 方面, 文化): trusted only with an office cue or 3 chars.
_AMBIGUOUS_SURNAMES = set("安于成文明关向常高方万金石白龙江和全应信展利宁平计初宣云容敬普伏鹿银玉危战印隆富衡植"
                          "幸智阴束斯干居呼宾湛亢单车项连简费卜冷席米柏宗桂商沙荣海南国强都元公来由")
# A day after a name (彭斯周四发表…, 李四昨日在…) is no part of it.
TIME_WORD = re.compile(r"[周週][一二三四五六日末]|星期|禮拜|礼拜|[今昨明前][日天早晚]|[上下本][周週]")
_FUNCTION_STARTS = set("和与同及对向在从为把被给跟")
_NOT_NAMES = {"周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末", "谢谢", "谢谢大家", "后记", "全文", "原文", "摘要", "目录", "前言", "序言", "结语", "结束语", "各位",
              "简介", "同志们", "朋友们", "女士们", "先生们", "万岁", "关于", "方针", "高度", "主持人", "记者", "编者按",
              # letters and messages that begin with a surname character (贺 + 信)
              "贺信", "贺电", "贺词", "贺辞", "贺卡", "贺函", "回信", "复信", "来信", "书信", "公开信",
              # words jieba tags as names (师生/nr, 文明/nr, 白宫/nr)
              "师生", "师傅", "师兄", "师姐", "师弟", "师妹", "文明", "钟声", "白宫",
              # province names that begin with a surname character
              "吉林", "甘肃", "江苏", "江西", "安徽", "云南", "宁夏", "海南", "湖南", "贵州", "广西", "山西"}

_OFFICES = sorted(
    "总理 副总理 代总理 国务委员 委员长 副委员长 主席 副主席 总书记 书记 副书记 省长 副省长 代省长 市长 "
    "副市长 代市长 区长 副区长 县长 副县长 州长 主任 副主任 部长 副部长 局长 副局长 厅长 副厅长 院长 副院长 "
    "司长 副司长 秘书长 副秘书长 署长 行长 副行长 会长 副会长 理事长 董事长 总经理 总裁 校长 社长 处长 "
    "主任委员 检察长 大使 总统 首相 议长 政委 司令员 参谋长 发言人 党组书记 组长 镇长 乡长 主委 顾问 "
    "党委书记 首席法官 大法官 法官 行政长官 特首 外长 国务卿 总干事 常委 港督 总督 政治委员 "
    "副总裁 副总经理 副董事长 副校长 副社长 副理事长 "
    "所长 副所长 馆长 副馆长".split(),
    key=len, reverse=True,
)
_OFFICE_RE = "|".join(_OFFICES)


# Names of ethnic-minority and foreign people join their parts with a middle dot (艾尔肯·吐尼亚孜); web
# pages spell it with any of these look-alikes.
_DOTS = re.compile("[•・‧∙⋅●]")
NAME = rf"[{_HAN}]{{1,6}}·[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}})?|[{_HAN}]{{2,4}}"
_DOTTED = re.compile(rf"[{_HAN}]{{1,6}}·[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}})?")


@functools.lru_cache(maxsize=8192)
def _norm(line: str) -> str:
    """NFKC (full-width digits/punctuation to ASCII) without whitespace, one middle dot; the form
    all rules match (cached: every rule asks for it)."""
    return _DOTS.sub("·", _WS.sub("", nfkc(line)))


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech dictionary (loaded once, ~0.7 s); empty when jieba is unavailable."""
    try:
        import jieba.posseg
    except ImportError:
        return {}
    return jieba.posseg.dt.word_tag_tab


def warm_up() -> None:
    """Load the word tags now, before forking workers that would each load them."""
    _word_tags()


def is_name(cand: str, strict: bool = False, honorific: bool = False) -> bool:
    """2-4 Han characters, or dotted parts (艾尔肯·吐尼亚孜), that plausibly form a person's name;
    `strict` for lines with no office cue; `honorific` when a person's title follows (钟南山院士: then
    jieba's word tag, 钟南山/ns a mountain, says nothing against it)."""
    if _DOTTED.fullmatch(cand):
        # The dot is itself the evidence; only words around it (…的·…) rule a phrase out, or numerals
        # (一九三九·一二·一五 is a date).
        return not any(ch in _FUNCTION_CHARS for ch in cand) and not all(
            re.fullmatch("[〇○零一二三四五六七八九十]+", part) for part in cand.split("·"))
    if not re.fullmatch(f"[{_HAN}]{{2,4}}", cand) or cand in _NOT_NAMES or cand[0] in _NOT_NAME_STARTS:
        return False
    if TIME_WORD.search(cand[1:]):
        return False  # 彭斯周四(发表), 李四今日(在): a name ends where the day begins
    if len(cand) == 4 and cand[3] in "发致作向为与说称" and cand[:2] not in _COMPOUND_SURNAMES \
            and is_name(cand[:3], strict=True):
        return False  # 邹幸彤发(公开信): a three-character name, then a verb of one character
    office_long = not strict and len(cand) == 4 and cand[:2] not in _COMPOUND_SURNAMES
    # Four-character names after an office (Tibetan and other names: 洛桑江村, 白玛赤林) may end in 村.
    ruled_out = _NOT_IN_NAMES - {"村"} if office_long else _NOT_IN_NAMES
    if len(cand) == 3 and _word_tags().get(cand, "").startswith("nr"):
        ruled_out = ruled_out - _IN_KNOWN_NAMES  # 钱其琛, 李为民: jieba knows the name
    if any(ch in ruled_out for ch in cand[1:]) or any(o in cand for o in _OFFICES):
        return False
    # jieba knows common words (官邸/n, 伊朗/ns, 欧盟/j); it tags most names nr* and a few oddly
    # (周恩来/t), and knows nothing of most local officials, so only a word tag is evidence.
    tag = _word_tags().get(cand)
    # Four-character names after an office need no surname: the office is the evidence.
    if (cand[:2] not in _COMPOUND_SURNAMES and cand[0] not in _SURNAMES and not office_long
            or cand in _COMPOUND_SURNAMES):
        return False
    # 和美国, 与会者: a conjunction or preposition before a word, not a surname before a given name.
    if cand[0] in _FUNCTION_STARTS and len(cand) >= 3 and _word_tags().get(cand[1:], "nr")[:2] != "nr":
        return False
    if tag is not None and not tag.startswith("nr") and tag != "t" and not honorific:
        return False
    if office_long:
        halves = [_word_tags().get(cand[:2]), _word_tags().get(cand[2:])]
        if all(t and not t.startswith("nr") for t in halves):
            return False  # two common words (官邸 企图), not a name
    long_single = len(cand) == 4 and cand[:2] not in _COMPOUND_SURNAMES and strict
    if long_single or strict and len(cand) == 2 and cand[0] in _AMBIGUOUS_SURNAMES:
        return bool(tag and tag.startswith("nr"))  # mostly words (官邸企图, 安全) unless jieba knows the name
    return True


# A transcript's turns: 主席：… / 梁国雄议员：… / 李卓人议员：…
_TURN = re.compile(rf"^(?P<who>{NAME}?)(?P<title>议员|委员|代表|先生|女士|局长|司长|部长|议长)?[:：]")
_CHAIRS = {"主席", "议长", "主持人", "代主席"}


def is_transcript(lines: list[str]) -> bool:
    """A record of many speakers' turns (a council's proceedings): it has no one speaker."""
    who = set()
    for line in lines:
        m = _TURN.match(_norm(line)) if len(line) > 8 else None
        if m and (m.group("who") in _CHAIRS or is_name(m.group("who"), strict=not m.group("title"))):
            who.add(m.group("who"))
    return len(who) >= 5
