"""The one message catalogue of the web app: every word a page shows, in English and
Chinese. The centre's own terms stay as its rule book has them (换班, 還班, 日班, 夜班,
请假); rule verdicts come from the checker, in its words."""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT = "zh"

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "app": ("排班", "Roster"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "staff_id": ("工号", "Staff id"),
    "password": ("密码", "Password"),
    "new_password": ("新密码(至少8位)", "New password (8 characters or more)"),
    "set_password": ("设置密码", "Set password"),
    "first_login": ("首次登录:请设置您的密码。", "First login: choose your password."),
    "bad_login": ("工号或密码不正确。", "Wrong staff id or password."),
    "too_many": ("尝试次数过多,请稍后再试。", "Too many attempts; try again later."),
    "my_month": ("我的排班", "My month"),
    "team": ("班组排班", "Team roster"),
    "swap": ("换班", "Swap (换班)"),
    "payback": ("還班", "Pay-back (還班)"),
    "can_i_swap": ("可以换班吗?", "Can I swap?"),
    "who_could": ("谁可以换?", "Who could take it?"),
    "requests": ("申请", "Requests"),
    "leave": ("请假", "Leave (请假)"),
    "queue": ("待审批", "Approval queue"),
    "publish": ("发布排班", "Publish a roster"),
    "coverage": ("人员覆盖", "Coverage"),
    "centre_coverage": ("中心覆盖", "Centre coverage"),
    "audit": ("操作记录", "Audit log"),
    "download": ("下载当前排班表", "Download the current roster"),
    "date": ("日期", "Date"),
    "colleague": ("同事", "Colleague"),
    "check": ("检查", "Check"),
    "allowed": ("可以换班。", "Swap allowed."),
    "refused": ("不能换班。", "Swap refused."),
    "request_swap": ("申请换班", "Request this swap"),
    "requested": ("已申请,等待同事同意。", "Requested: waiting for your colleague."),
    "accept": ("同意", "Accept"),
    "decline": ("拒绝", "Decline"),
    "approve": ("批准", "Approve"),
    "refuse": ("不批准", "Refuse"),
    "register": ("登记", "Register"),
    "reason": ("理由", "Reason"),
    "swaps_used": ("本月换班", "Swaps this month"),
    "of": ("/", "of"),
    "off": ("休", "off"),
    "holiday": ("节假日", "holiday"),
    "swapped": ("已换班", "swapped"),
    "ics": ("日历订阅(私密链接)", "Calendar feed (secret link)"),
    "incoming": ("同事向我申请", "Asked of me"),
    "outgoing": ("我的申请", "Asked by me"),
    "status": ("状态", "Status"),
    "none": ("无", "None"),
    "type": ("类型", "Type"),
    "first_day": ("开始日期", "First day"),
    "last_day": ("结束日期", "Last day"),
    "certificate": ("有医疗证明", "Medical certificate"),
    "phoned": ("班前已电话通知班长", "Phoned the team leader before the shift"),
    "send": ("提交", "Send"),
    "verdict": ("审核结果", "Verdict"),
    "passes": ("符合请假规定 L1-L8", "Passes the leave rules L1-L8"),
    "fails": ("不符合请假规定", "Refused by the leave rules"),
    "approver": ("审批人", "Approved by"),
    "cover": ("人员覆盖", "Cover"),
    "swaps_queue": ("换班审批", "Swaps to decide"),
    "leave_queue": ("请假审批", "Leave to decide"),
    "team_leave": ("本班组的请假(由部门审批)", "Your team's leave (approved at its L2 level)"),
    "recomputed": ("审核结果为当前重新计算", "Verdict recomputed now"),
    "upload": ("上传 roster solve 生成的排班表", "Upload the workbook roster solve wrote"),
    "drop": ("取消冲突的换班", "Drop conflicting swaps"),
    "keep": ("按发布保留", "Keep as published"),
    "published": ("已发布版本", "Published version"),
    "conflicts": ("以下已登记换班在新排班上不再成立:", "These registered swaps no longer hold:"),
    "required": ("需要", "required"),
    "rostered": ("排班", "rostered"),
    "short": ("缺", "short"),
    "shift": ("班次", "Shift"),
    "language": ("English", "中文"),
    "forbidden": ("无权访问。", "You may not open this page."),
    "not_found": ("找不到。", "Not found."),
}


def translate(key: str, lang: str) -> str:
    """The message ``key`` in ``lang`` (the key itself if the catalogue lacks it)."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]
