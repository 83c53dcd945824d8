/**
 * Error responses: RFC 9457 problem+json with a stable `code` and a message in the caller's
 * language. The codes are part of the API contract; the web app shows `detail`.
 */
import { z } from 'zod';
import type { TText } from './locale.ts';
import { count as n, megabytes as mb, SPREADSHEET_LIMITS as L } from './registry/spreadsheet-limits.ts';

export const PROBLEM_MESSAGES = {
  validation_failed: { 'zh-CN': '提交的数据有误，请按提示修改后重试。', en: 'Some of the submitted data is invalid; correct it as indicated and try again.' },
  invalid_json: { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  body_too_large: { 'zh-CN': '请求内容过大。', en: 'The request body is too large.' },
  headers_too_large: {
    'zh-CN': '请求的网址或请求头过长。请缩短查询条件；若仍出现，请清除本站的 Cookie 后重新登录。',
    en: 'The address or the request headers are too long. Shorten the query; if it happens again, clear this site’s cookies and sign in again.',
  },
  bad_request: { 'zh-CN': '请求格式不正确，服务器无法读取。', en: 'The request is malformed; the server cannot read it.' },
  request_timeout: { 'zh-CN': '请求发送超时，请检查网络后重试。', en: 'The request took too long to arrive; check the connection and try again.' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型，请以 JSON 提交。', en: 'Unsupported content type; send JSON.' },
  unauthenticated: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  session_ended: {
    'zh-CN': '此设备的登录已被结束（管理员结束了本设备的登录，或账号的密码、权限已变更），请重新登录。尚未发送的走访记录仍保存在本机，重新登录后会继续发送。',
    en: 'This device was signed out (an administrator ended its session, or the account’s password or roles changed). Sign in again: visit records not yet sent are still kept on this device and will be sent after you sign in.',
  },
  session_expired: { 'zh-CN': '登录已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  account_locked: { 'zh-CN': '登录失败次数过多，账号已临时锁定，请稍后再试。', en: 'Too many failed sign-ins; the account is temporarily locked. Try again later.' },
  account_disabled: { 'zh-CN': '账号已停用，请联系管理员。', en: 'This account is disabled; contact your administrator.' },
  too_many_requests: { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  csrf_failed: { 'zh-CN': '页面已过期，请刷新后重试。', en: 'The page is out of date; reload it and try again.' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  read_only_role: { 'zh-CN': '您的角色只能查看，不能修改。', en: 'Your role can view but not change data.' },
  not_found: { 'zh-CN': '找不到该记录，或不在您的管辖范围内。', en: 'Not found, or outside your area.' },
  route_not_found: { 'zh-CN': '没有这个接口。', en: 'No such API endpoint.' },
  username_taken: { 'zh-CN': '该用户名已被使用。', en: 'That username is already taken.' },
  region_code_taken: { 'zh-CN': '该区划代码已存在。', en: 'That division code already exists.' },
  region_closed: { 'zh-CN': '该区划已撤销，不能再修改或在其下新增。', en: 'That region is closed; it cannot be changed or receive new children.' },
  region_invalid_parent: { 'zh-CN': '上级区划不正确。', en: 'The parent region is not valid for this level.' },
  region_has_open_children: { 'zh-CN': '该区划下还有未撤销的下级区划，请先迁移或撤销它们。', en: 'This region still has open children; move or close them first.' },
  region_invalid_code: { 'zh-CN': '区划代码的位数或前缀与上级不符。', en: 'The division code has the wrong length or does not start with its parent’s code.' },
  region_invalid_successor: { 'zh-CN': '并入的区划必须是同级、未撤销的其他区划。', en: 'The successor must be another open region of the same level.' },
  region_invalid_date: { 'zh-CN': '日期不能早于该区划的设立日期。', en: 'The date cannot be before the region was opened.' },
  role_not_grantable: { 'zh-CN': '您不能授予该角色。', en: 'You cannot grant that role.' },
  department_required: { 'zh-CN': '部门经办人必须指定所属部门。', en: 'A department handler must belong to a department.' },
  wrong_password: { 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  password_too_weak: { 'zh-CN': '新密码至少 8 位，且须包含字母和数字。', en: 'The new password needs at least 8 characters with letters and digits.' },
  cannot_change_self: {
    'zh-CN': '不能在账号管理中修改自己的账号，须由其他管理员办理；修改自己的密码请使用“修改密码”。',
    en: 'You cannot change your own account here; another administrator must. To change your own password, use “Change password”.',
  },
  account_not_below: {
    'zh-CN': '您只能管理下级区划的账号；与您同级的账号（包括同级的其他管理员）由上级管理员管理。',
    en: 'You manage only the accounts of regions below your own; accounts at your own level, other administrators included, are managed from the level above.',
  },
  last_county_admin: {
    'zh-CN': '这是该区划最后一个在用的县级管理员账号，不能停用、移走或取消其县级管理员角色。',
    en: 'This is the last active county administrator of its region; it cannot be disabled, moved or lose that role.',
  },
  invalid_cursor: { 'zh-CN': '分页参数无效，请从第一页重新开始。', en: 'Invalid page cursor; start again from the first page.' },
  hardship_category_unknown: { 'zh-CN': '没有这个困难类别，或它已停用。', en: 'No such hardship category, or it is no longer in use.' },
  hardship_label_exists: { 'zh-CN': '该户已有这一有效的困难类别。', en: 'The household already has this hardship label in force.' },
  hardship_label_ended: { 'zh-CN': '该困难类别已经终止。', en: 'This hardship label has already ended.' },
  resident_not_in_household: { 'zh-CN': '该成员不属于这一户。', en: 'That person is not a member of this household.' },
  cadre_not_eligible: { 'zh-CN': '所选人员不能承担结对帮扶：须为本辖区内在用的干部账号。', en: 'That account cannot be paired: it must be an active cadre account within your area.' },
  not_hardship_household: { 'zh-CN': '只能为有有效困难类别的家庭安排结对帮扶。', en: 'Only households with a hardship label in force can be paired.' },
  pairing_exists: { 'zh-CN': '该户已有负责干部，请使用“转交”。', en: 'The household already has a responsible cadre; use transfer instead.' },
  pairing_ended: { 'zh-CN': '该结对已经结束。', en: 'This pairing has already ended.' },
  invalid_date: { 'zh-CN': '日期不合理（早于开始日期或晚于今天）。', en: 'The date is not plausible (before the start, or in the future).' },
  import_media_type: {
    'zh-CN': '请直接上传文件本身（CSV 或 XLSX），内容类型为 application/octet-stream、text/csv 或 XLSX。',
    en: 'Upload the file itself (CSV or XLSX) as the request body, with content type application/octet-stream, text/csv or the XLSX type.',
  },
  import_file_empty: { 'zh-CN': '文件是空的。', en: 'The file is empty.' },
  import_file_unreadable: { 'zh-CN': '无法读取文件：它不是 CSV 或 XLSX 文件，或者已损坏、不完整。', en: 'The file cannot be read: it is not a CSV or XLSX file, or it is damaged or incomplete.' },
  import_file_xls: { 'zh-CN': '不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入。', en: 'Old Excel (.xls) files are not supported; in Excel, “Save As” .xlsx or CSV and import that.' },
  import_file_encoding: {
    'zh-CN': '无法识别文件的文字编码（支持 UTF-8 和 GBK），或文件中途混入了其他编码的内容。',
    en: 'The file’s text encoding is not recognised (UTF-8 and GBK are supported), or part of it is in another encoding.',
  },
  import_file_truncated: { 'zh-CN': '文件不完整（可能上传或复制时被截断），请重新导出后再导入。', en: 'The file is incomplete (probably cut off while copying or uploading); export it again.' },
  import_csv_malformed: { 'zh-CN': 'CSV 格式错误（例如引号没有闭合），无法继续读取。', en: 'The CSV is malformed (for example a quote that is never closed) and cannot be read further.' },
  import_header_missing: { 'zh-CN': '在前 20 行中找不到表头，或表头缺少必填列。', en: 'No header in the first 20 rows, or the header lacks required columns.' },
  import_header_duplicate: { 'zh-CN': '表头中有重复的列。', en: 'The header names the same column twice.' },
  import_too_many_columns: { 'zh-CN': '表头的列数过多，这不像是户籍台账。', en: 'The header has too many columns for a household registry.' },
  import_too_many_rows: { 'zh-CN': '文件行数超过上限，请拆分后分批导入。', en: 'The file has more rows than allowed; split it and import the parts.' },
  import_no_rows: { 'zh-CN': '表头下面没有数据行。', en: 'There are no data rows under the header.' },
  import_interrupted: {
    'zh-CN': '导入被中断（导入进程已停止：服务重启或停止，或命令行导入被终止），数据库未作改动，请重新导入。',
    en: 'The import was interrupted (its process stopped: the server stopped or restarted, or a command-line import was killed); nothing was changed. Import the file again.',
  },
  import_conflict_resolved: { 'zh-CN': '该冲突已经处理过了。', en: 'This conflict has already been resolved.' },
  import_conflict_cannot_move: {
    'zh-CN': '无法迁户：该行的户编号属于导入乡镇以外的另一户，或没有有效的户编号。请按录入错误处理，或先核实户编号。',
    en: 'Cannot move: the row’s household number belongs to another household outside the importing township, or is not valid. Dismiss it as a typing error, or check the household number first.',
  },
  import_not_awaiting_confirmation: {
    'zh-CN': '这次导入没有等待确认的改动（可能已经确认过，或已过期）。',
    en: 'This import has no changes waiting for confirmation (they were confirmed already, or expired).',
  },
  import_preview_expired: {
    'zh-CN': '这次预览已过期（上传的文件已不在服务器上），请重新上传文件，核对改动后再确认。',
    en: 'This preview has expired (the uploaded file is no longer on the server); upload the file again, check the changes and confirm.',
  },
  import_preview_stale: {
    'zh-CN': '预览之后户籍数据（或文件）已有变动，将写入的改动与您核对的不再一致，未作任何改动。请重新预览（重新上传文件），核对后再确认。',
    en: 'The registry (or the file) changed after the preview, so the changes no longer match those you checked; nothing was written. Preview again (upload the file again) and confirm after checking.',
  },
  import_confirm_not_yours: { 'zh-CN': '只有上传文件并核对改动的人可以确认这次导入。', en: 'Only the person who uploaded the file and checked the changes can confirm this import.' },
  import_file_too_large: { 'zh-CN': `XLSX 文件超过 ${mb(L.xlsxFileBytes)} 的上限，请拆分后分批导入，或另存为 CSV。`, en: `The XLSX file is over the ${mb(L.xlsxFileBytes)} limit; split it, or save it as CSV.` },
  import_xlsx_too_many_parts: { 'zh-CN': `XLSX 文件内部的部件超过 ${n(L.xlsxParts)} 个，这不是正常的表格文件。`, en: `The XLSX file has more than ${n(L.xlsxParts)} parts inside; it is not an ordinary spreadsheet.` },
  import_xlsx_part_too_large: {
    'zh-CN': `XLSX 文件解压后过大（工作表上限 ${mb(L.worksheetBytes)}，共享字符串上限 ${mb(L.sharedStringsBytes)}，其他部件上限 ${mb(L.otherPartBytes)}），已拒绝读取。`,
    en: `The XLSX file expands too far (limits: worksheet ${mb(L.worksheetBytes)}, shared strings ${mb(L.sharedStringsBytes)}, other parts ${mb(L.otherPartBytes)}); it was not read.`,
  },
  import_too_many_strings: { 'zh-CN': `XLSX 文件的共享字符串超过 ${n(L.sharedStrings)} 个的上限。`, en: `The XLSX file has more than ${n(L.sharedStrings)} shared strings, the limit.` },
  import_cell_too_long: { 'zh-CN': `有单元格超过 ${n(L.cellChars)} 个字符的上限。`, en: `A cell is longer than ${n(L.cellChars)} characters, the limit.` },
  import_row_too_wide: { 'zh-CN': `有一行的数据超过 ${n(L.columns)} 列的上限。`, en: `A row has values beyond column ${n(L.columns)}, the limit.` },
  import_sheet_too_many_rows: { 'zh-CN': `表格超过 ${n(L.rows)} 行（含空行）的上限，请拆分后分批导入。`, en: `The sheet has more than ${n(L.rows)} rows (blank rows included), the limit; split it.` },
  import_csv_record_too_long: {
    'zh-CN': `CSV 中有一行超过 ${n(L.csvRecordChars)} 个字符的上限（可能是引号没有闭合，或不是 CSV 文件）。`,
    en: `A CSV line is longer than ${n(L.csvRecordChars)} characters, the limit (perhaps a quote that is never closed, or not a CSV file).`,
  },
  import_parse_out_of_memory: { 'zh-CN': `读取文件所需的内存超过 ${n(L.parserMemoryMb)} MB 的上限，已停止读取。`, en: `Reading the file needs more than the ${n(L.parserMemoryMb)} MB memory limit; reading was stopped.` },
  import_parse_timeout: { 'zh-CN': `读取文件时超过 ${L.parserIdleSeconds} 秒没有进展，已停止读取。`, en: `Reading the file made no progress for ${L.parserIdleSeconds} seconds; reading was stopped.` },
  import_failed: { 'zh-CN': '导入时发生内部错误，数据库未作改动，已记录错误。', en: 'The import failed with an internal error; nothing was changed. The error has been logged.' },
  gaming_wave_not_closed: {
    'zh-CN': '只有已结束的调查轮次才能检测刷分迹象。',
    en: 'Signs of gaming are detected on closed survey waves only.',
  },
  survey_results_not_final: {
    'zh-CN': '本轮调查尚未结束，乡镇在调查结束后才能查看结果。',
    en: 'This survey wave is still in fieldwork; townships see its results once it is closed.',
  },
  campaign_not_hardship: {
    'zh-CN': '只有“走访慰问”类活动才有慰问花名册。',
    en: 'Only a hardship (aid) campaign has an aid roster.',
  },
  recheck_not_drawn: { 'zh-CN': '该访问不在复核样本中，请先抽取复核样本。', en: 'This interview is not in the re-check sample; draw the re-check sample first.' },
  questionnaire_published: { 'zh-CN': '该问卷版本已发布，不能再修改；请基于它创建新版本。', en: 'This questionnaire version is published and frozen; create a new version to change it.' },
  questionnaire_invalid: { 'zh-CN': '问卷内容不符合规则，请按提示修改。', en: 'The questionnaire breaks a rule; correct it as indicated.' },
  questionnaire_not_published: { 'zh-CN': '调查轮次只能使用已发布的问卷版本，请先发布。', en: 'A survey wave can only use a published questionnaire version; publish it first.' },
  questionnaire_draft_exists: { 'zh-CN': '该问卷已有一个草稿版本，请先编辑并发布它。', en: 'This questionnaire already has a draft version; edit and publish that one.' },
  wave_closed: { 'zh-CN': '该调查轮次已结束，不能再修改或记录。', en: 'This survey wave is closed; nothing more can be changed or recorded in it.' },
  wave_not_draft: { 'zh-CN': '调查已开始实施，抽样框和样本不能再修改。', en: 'Fieldwork has started; the frame and the sample can no longer change.' },
  wave_running_frozen: {
    'zh-CN': '调查已开始实施：问卷、样本和抽样设置都已固定，只能调整拨打时段、最多拨打次数和结束日期。',
    en: 'Fieldwork has started: the questionnaire, the sample and the sampling settings are fixed; only the calling hours, the maximum number of attempts and the end date can change.',
  },
  wave_attempts_made: {
    'zh-CN': '最多拨打次数不能少于已经拨打过的次数：已有样本拨打了更多次。',
    en: 'The maximum number of attempts cannot be lower than the attempts already made: a case has been called more often.',
  },
  wave_not_in_fieldwork: { 'zh-CN': '该调查轮次尚未开始实施。', en: 'Fieldwork for this survey wave has not started.' },
  wave_sample_drawn: { 'zh-CN': '已抽取样本：请先放弃样本，再修改抽样框或抽样参数。', en: 'A sample has been drawn: discard it before changing the frame or the sampling settings.' },
  wave_no_frame: { 'zh-CN': '还没有抽样框：请先从户籍生成或上传号码名单。', en: 'There is no sampling frame yet: build it from the registry or upload a list of numbers.' },
  wave_no_sample: { 'zh-CN': '还没有抽取样本，不能开始实施。', en: 'No sample has been drawn yet, so fieldwork cannot start.' },
  wave_all_released: { 'zh-CN': '所有批次的样本都已投放。', en: 'Every replicate of the sample has already been released.' },
  wave_stratum_unknown: { 'zh-CN': '该乡镇不是本轮调查的层。', en: 'That township is not a stratum of this wave.' },
  sample_infeasible: { 'zh-CN': '无法按设置分配样本：目标完成数低于每乡镇最低数的要求，或超出抽样框能提供的数量。', en: 'The sample cannot be allocated: the target is below what the minimum per township requires, or more than the frame can deliver.' },
  frame_empty: { 'zh-CN': '抽样框中没有任何号码。', en: 'The sampling frame has no numbers.' },
  frame_upload_invalid: { 'zh-CN': '号码名单中有错误，未导入任何号码；请按行号修改后重新上传。', en: 'The list of numbers has errors and nothing was imported; correct the rows listed and upload it again.' },
  case_not_yours: { 'zh-CN': '该样本已不在您名下（占用已超时或已被督导收回），请取下一个样本。', en: 'This case is no longer yours (your hold ran out or a supervisor took it back); ask for the next case.' },
  interview_stale: { 'zh-CN': '访问内容已在别处更新（可能是重新连接前的提交），请重新载入该样本后继续，已保存的内容不会丢失。', en: 'The interview was updated elsewhere (perhaps before a reconnect); reload the case and continue. Nothing saved is lost.' },
  outside_calling_hours: { 'zh-CN': '现在不在本轮调查的拨打时段内。', en: 'It is outside the calling hours of this survey wave.' },
  answer_invalid: { 'zh-CN': '答案不符合问卷：请按提示检查题目和选项。', en: 'An answer does not fit the questionnaire; check the questions and options indicated.' },
  interview_incomplete: { 'zh-CN': '访问尚未完成，不能记为“完成访问”：以下必答题还没有回答。', en: 'The interview is not finished and cannot be recorded as complete: these required questions are unanswered.' },
  disposition_invalid: { 'zh-CN': '访问结果代码无效，或缺少它要求的预约时间。', en: 'The call outcome code is not valid, or the appointment time it needs is missing.' },
  appointment_missing: { 'zh-CN': '该样本没有预约，无法改派。', en: 'This case has no appointment to reassign.' },
  interviewer_not_eligible: { 'zh-CN': '所选人员不能接收该预约：须为本县在用的访问员账号。', en: 'That account cannot take the appointment: it must be an active interviewer account of the county.' },
  case_dialed: {
    'zh-CN': '该号码本次已拨打（或已记录了回答），不能退回，请记录本次拨打的访问结果。',
    en: 'This number has already been dialled in this attempt (or answers were saved); it cannot be handed back. Record the outcome of the call instead.',
  },
  not_dialled: {
    'zh-CN': '本次还没有拨打这个号码：请先拨号，再记录访问结果（未拨打的样本可以退回）。',
    en: 'This number has not been dialled in this attempt: dial it first, then record the outcome (an undialled case can be handed back).',
  },
  wave_not_started: { 'zh-CN': '本轮调查的实施期还没有开始，开始日期之前不分配样本。', en: 'The fieldwork period of this survey wave has not begun; no cases are handed out before its start date.' },
  wave_ended: { 'zh-CN': '本轮调查的实施期已经结束，不再分配样本；请联系督导结束本轮调查或推迟结束日期。', en: 'The fieldwork period of this survey wave is over; no more cases are handed out. Ask the supervisor to close the wave or move its end date.' },
  visit_in_future: { 'zh-CN': '走访时间晚于现在，请检查手机的日期和时间。', en: 'The visit time is in the future; check the phone’s date and time.' },
  visit_before_campaign: { 'zh-CN': '走访时间早于该走访活动的开始日期，不能计入本次活动。', en: 'The visit is dated before the campaign began; it cannot count for this campaign.' },
  visit_campaign_invalid: {
    'zh-CN': '所选走访活动不存在、尚未开始，或这一户不在该活动的走访对象中。',
    en: 'The campaign does not exist, has not been opened, or this household is not one of its target households.',
  },
  visit_campaign_closed: {
    'zh-CN': '该走访活动已结束，且已超过补录期限，不能再提交走访记录。',
    en: 'The campaign is over and its period for late entries (补录) has passed; no more visit records are accepted.',
  },
  visit_resend_conflict: {
    'zh-CN': '这条走访记录此前已提交过，但内容与已保存的不同；本次提交已留存待管理员核对，已保存的记录不变。不同之处：',
    en: 'This visit record was sent before with different contents; this copy is kept for an administrator to review and the stored record is unchanged. It differs in:',
  },
  visit_file_missing: { 'zh-CN': '记录引用的照片或签名尚未上传，请先上传文件再提交记录。', en: 'A photo or signature the record names has not been uploaded; upload the file first, then send the record.' },
  visit_file_wrong_kind: { 'zh-CN': '记录引用的文件类型不对：照片处引用了签名，或签收处引用了照片。', en: 'A file the record names is of the wrong kind: a signature given as a photo, or a photo given as the signature.' },
  aid_not_in_standard: {
    'zh-CN': '发放的慰问不符合本活动的慰问标准（超出标准、金额无效，或该户的困难类别没有这一项）：',
    en: 'The aid handed over does not fit the campaign’s standard (above it, an invalid amount, or not an item of this household’s hardship categories):',
  },
  policy_unknown: { 'zh-CN': '没有这项政策，或它已停用。', en: 'No such policy, or it is no longer in use.' },
  aid_delivery_voided: { 'zh-CN': '这笔慰问发放已经作废。', en: 'This aid delivery has already been voided.' },
  proposal_decided: { 'zh-CN': '这项困难类别变更申请已经审批过了。', en: 'This proposed hardship change has already been decided.' },
  resend_conflict_reviewed: { 'zh-CN': '这条重复提交已经核对过了。', en: 'This resent record has already been reviewed.' },
  campaign_closed: {
    'zh-CN': '该走访活动已结束，只能查看，不能再修改、调配或重新开启。',
    en: 'This campaign is closed: it can be viewed but no longer changed, reassigned or reopened.',
  },
  campaign_not_draft: { 'zh-CN': '该走访活动已开启，不能再修改其方案；只有草稿可以修改或开启。', en: 'This campaign is already open: its definition can no longer be changed. Only a draft can be edited or opened.' },
  campaign_not_open: { 'zh-CN': '该走访活动还是草稿，尚未开启：开启后才有走访对象，才能调配或结束。', en: 'This campaign is still a draft: it has targets to assign, and can be closed, only once it is open.' },
  campaign_not_organiser: {
    'zh-CN': '该走访活动由上级组织，您只能查看并调配本辖区的走访对象，不能修改、开启或结束它。',
    en: 'This campaign was organised above your level: you can view it and assign its households in your area, but not change, open or close it.',
  },
  campaign_no_aid_standard: { 'zh-CN': '走访慰问活动须至少设定一个困难类别的慰问标准后才能开启。', en: 'A hardship visiting campaign needs an aid standard for at least one hardship category before it can be opened.' },
  campaign_no_targets: { 'zh-CN': '按该活动的范围和条件找不到任何走访对象户，不能开启。请检查所选区域和筛选条件。', en: 'No household matches this campaign’s regions and filter, so it cannot be opened. Check the regions and the filter.' },
  campaign_region_invalid: { 'zh-CN': '走访范围只能是您辖区内的乡镇或村（社区），且不能撤销或重复。', en: 'A campaign covers townships or villages inside your area (open ones, each once).' },
  campaign_category_unknown: { 'zh-CN': '慰问标准或筛选条件中有不存在的困难类别。', en: 'An aid standard or the filter names a hardship category that does not exist.' },
  campaign_budget_invalid: { 'zh-CN': '预算只能按活动范围内的乡镇设定。', en: 'Budgets are set per township, for townships the campaign covers.' },
  campaign_filter_invalid: { 'zh-CN': '筛选条件中的村（社区）须在活动范围之内。', en: 'The villages of the filter must lie inside the campaign’s regions.' },
  visit_cadre_not_eligible: {
    'zh-CN': '所选人员不能承担该村的走访：须为在用的干部账号，且其所属区划包含该村。',
    en: 'That account cannot visit this village: it must be an active cadre account whose region contains the village.',
  },
  campaign_not_custom: { 'zh-CN': '只有“自定义名单”的走访活动可以上传户名单。', en: 'Only a custom-list campaign takes an uploaded list of households.' },
  campaign_targets_upload_invalid: { 'zh-CN': '户名单中有错误，未保存任何户；请按行号修改后重新上传。', en: 'The list of households has errors and nothing was kept; correct the rows listed and upload it again.' },
  visit_targets_not_found: { 'zh-CN': '所选户中有不属于该村本次走访对象的户。', en: 'Some of the chosen households are not targets of this campaign in that village.' },
  visit_file_not_image: {
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的图片（照片或签名）；该文件不是这几种图片，或已损坏、不完整，请重新拍摄或重新签名后再发送。',
    en: 'Only JPEG, PNG or WebP images (photos or signatures) can be uploaded; this file is none of them, or it is damaged or incomplete. Take the photo or the signature again and resend.',
  },
  visit_file_media_type: {
    'zh-CN': '请直接上传图片本身（JPEG、PNG 或 WebP），内容类型为 image/jpeg、image/png、image/webp 或 application/octet-stream。',
    en: 'Upload the image itself (JPEG, PNG or WebP) as the request body, with content type image/jpeg, image/png, image/webp or application/octet-stream.',
  },
  visit_file_too_large: { 'zh-CN': '图片文件过大，超过上限，请降低相机分辨率后重新拍摄。', en: 'The image file is over the size limit; take it again at a lower camera resolution.' },
  visit_image_too_many_pixels: {
    'zh-CN': '图片尺寸（像素数）超过上限，未予读取，请用手机相机的常规分辨率重新拍摄。',
    en: 'The image has more pixels than the limit allows and was not read; take it again at the camera’s usual resolution.',
  },
  visit_too_late: {
    'zh-CN': '该走访活动已结束，且已超过补录期限，不能再提交走访记录。',
    en: 'The campaign is over and its period for late entries (补录) has passed; no more visit records are accepted.',
  },
  case_step_not_allowed: {
    'zh-CN': '该诉求当前的状态不允许这一步操作；可进行的操作见 allowedSteps。请刷新页面查看最新状态。',
    en: 'The case’s current status does not allow this step; the steps it allows are in allowedSteps. Reload the page to see its latest status.',
  },
  rectification_step_not_allowed: {
    'zh-CN': '该整改任务当前的状态不允许这一步操作（可能已被他人处理）。请刷新页面查看最新状态。',
    en: 'The rectification task’s current status does not allow this step (someone may have acted on it already). Reload the page to see its latest status.',
  },
  rectification_self_verification: {
    'zh-CN': '不能验收自己单位承办或自己提交的整改任务：验收须由责任单位以外的县级人员进行。',
    en: 'You cannot verify a rectification task your own unit owns or that you submitted: verification must be done by county staff outside the owner unit.',
  },
  rectification_not_owner: { 'zh-CN': '只有整改任务的责任单位可以报送进展和提交验收。', en: 'Only the task’s owner unit may report progress on it and submit it for verification.' },
  rectification_wave_not_closed: { 'zh-CN': '该调查轮次尚未结束，只能从已结束的轮次生成整改建议。', en: 'The survey wave is not closed yet: tasks are proposed only from a closed wave.' },
  rectification_owner_invalid: { 'zh-CN': '责任单位须为本县在用的乡镇（街道）或县直部门。', en: 'The owner must be an open township of the county or one of its departments.' },
  rectification_township_invalid: { 'zh-CN': '整改所在乡镇须为本县的乡镇（街道）。', en: 'The task’s township must be a township of the county.' },
  rectification_file_not_on_task: { 'zh-CN': '所附照片须是已上传到该整改任务、且尚未用于其他进展的照片。', en: 'Each photo must have been uploaded to this task and not yet used in another progress report.' },
  case_not_your_unit: { 'zh-CN': '该诉求目前不由您所在的单位承办，只有承办单位可以签收、办理、办结、上报或退回。', en: 'This case is not assigned to your unit: only the unit it is assigned to may accept, handle, resolve, escalate or return it.' },
  case_not_dispatcher: { 'zh-CN': '只有诉求所在乡镇或县级的管理员可以派单、回访、合并或结案。', en: 'Only the administrators of the case’s township or of the county may dispatch, call back, merge or close it.' },
  case_category_unknown: { 'zh-CN': '没有这个诉求分类，或它已停用。', en: 'No such case category, or it is no longer in use.' },
  case_region_invalid: { 'zh-CN': '诉求发生地须为您辖区内在用的村（社区）或乡镇。', en: 'Where the problem is must be an open village or township inside your area.' },
  case_unit_invalid: { 'zh-CN': '承办单位须为诉求所在的村（社区）、其所属乡镇，或本县的县直部门。', en: 'The unit must be the case’s village, its township, or a department of this county.' },
  case_top_level: { 'zh-CN': '县直部门已是最高一级，不能再上报；如不属于本部门职责，请退回派单人。', en: 'A county department is the top level and cannot escalate; if the case is not your department’s, return it to the dispatcher.' },
  // Cases' configuration (issue 11: categories, working calendar).
  case_category_code_taken: { 'zh-CN': '本县已有使用这个代码的诉求分类；分类代码创建后不能修改，请换一个代码。', en: 'This county already has a category with this code; codes cannot change once created, so choose another.' },
  case_category_parent_inactive: { 'zh-CN': '上级分类已停用，不能在其下新增或启用分类；请先启用上级分类。', en: 'The parent category is inactive: a category under it cannot be added or activated; activate the parent first.' },
  case_category_cycle: { 'zh-CN': '不能把分类移到它自己或它的下级分类之下。', en: 'A category cannot be moved under itself or one of its own subcategories.' },
  case_category_parent_unknown: { 'zh-CN': '本县没有这个上级分类。', en: 'This county has no such parent category.' },
  case_category_department_invalid: { 'zh-CN': '责任部门须为本县的县直部门。', en: 'The responsible department must be a department of this county.' },
  working_calendar_contradiction: { 'zh-CN': '工作日历有矛盾，未保存；请按提示修改相应日期。', en: 'The working calendar contradicts itself and was not saved; correct the days named.' },
  working_calendar_no_official_data: { 'zh-CN': '数据包中没有该年的国务院节假日通知：截止时间只按周末计算，请在通知发布后手工录入或升级数据包。', en: 'The data package has no State Council holiday notice for this year: deadlines count weekends only; enter the days by hand once the notice is out, or upgrade the package.' },
  case_rates_level_not_allowed: {
    'zh-CN': '您只能查看本单位所在层级的三率：乡镇管理员可看本乡镇各村和全县乡镇排名，部门经办人只能看本部门。',
    en: 'You may see only your own level’s rates: a township admin its villages and the county’s township ranking, a department handler its own department.',
  },
  public_challenge_failed: {
    'zh-CN': '验证码不正确或已过期（每张验证码只能用一次）。请换一张验证码，重新计算后再提交。',
    en: 'The check answer is wrong or has expired (each picture can be used once). Get a new picture, work it out and submit again.',
  },
  resident_village_invalid: { 'zh-CN': '请选择本县在用的村（社区）。', en: 'Choose an open village (community) of this county.' },
  resident_photo_unknown: { 'zh-CN': '照片没有上传成功或已被使用，请重新选择照片。', en: 'The photo was not uploaded or has already been used; choose the photo again.' },
  case_possible_duplicate: {
    'zh-CN': '发现可能重复的诉求（同一群众或电话、同一分类、30天内、仍在办理、内容相近），见 duplicates。可选择合并到其中一件，或确认仍作新诉求登记。',
    en: 'Possible duplicates found (same resident or phone, same category, within 30 days, still open, similar text); see duplicates. Merge into one of them, or confirm to register it as a new case.',
  },
  case_merge_invalid: {
    'zh-CN': '只能合并到您辖区内另一件仍在办理的诉求中，且不能合并到自身。',
    en: 'A case can only be merged into another open case inside your area, not into itself.',
  },
  case_callback_required: {
    'zh-CN': '已办结的诉求须先回访；回访未接通次数达到设定次数后才能直接结案。',
    en: 'A resolved case needs a call back first; it may be closed without one only after the set number of unanswered attempts.',
  },
  case_file_not_on_case: {
    'zh-CN': '所附照片须先上传到本诉求（办理材料）再引用。',
    en: 'Attach photos by uploading them to this case first (evidence), then name them.',
  },
  case_no_phone: { 'zh-CN': '该诉求没有登记联系电话。', en: 'This case has no contact phone.' },
  // Issue 11, case intake (12345 batches, visit problems, survey referrals).
  case_batch_duplicate: {
    'zh-CN': '这个文件已经导入过（内容完全相同），未重复登记；原批次见 batchId 和提示。如需补充工单，请只上传新增的工单。',
    en: 'This file was imported before (identical content) and nothing was registered again; the earlier batch is in batchId and the issues. To add work orders, upload only the new ones.',
  },

  visit_problem_not_open: { 'zh-CN': '这个走访问题已转为诉求或已处理，不能再次转为诉求。', en: 'This visit problem has already become a case or was dealt with; it cannot become a case again.' },
  survey_referral_wave_not_closed: { 'zh-CN': '调查轮次结束后才能把受访者反映的问题转为诉求。', en: 'Respondents’ problems can be referred as cases only once the wave is closed.' },
  survey_referral_unsupported: {
    'zh-CN': '本轮问卷没有“最需要解决的问题”开放题及其后的“是否同意联系”题，无法转为诉求。',
    en: 'This wave’s questionnaire has no open problem question followed by a consent-to-contact question, so nothing can be referred.',
  },
  survey_referral_not_eligible: {
    'zh-CN': '所选答卷中有不可转办的：受访者未同意联系、没有填写问题、已转办或已排除，或不属于本轮调查。请刷新后重试。',
    en: 'Some chosen answers cannot be referred: no consent to contact, no problem given, already referred or set aside, or not of this wave. Reload and try again.',
  },
  bulletin_no_result: {
    'zh-CN': '该考核尚未计算结果，无法生成通报；请先在考核页面计算。',
    en: 'This assessment has no computed result yet, so there is no bulletin; compute it on the assessment page first.',
  },
  dashboard_tile_unknown_township: { 'zh-CN': '示意图中有不属于本县当前乡镇（街道）的代码，请刷新后重新摆放。', en: 'The layout names a code that is not one of the county’s current townships; reload and place the tiles again.' },
  dashboard_tile_duplicate_township: { 'zh-CN': '同一乡镇（街道）在示意图中出现了两次，每个乡镇只能放一个方块。', en: 'A township appears twice in the layout; each township has exactly one tile.' },
  dashboard_tile_position_taken: { 'zh-CN': '两个乡镇（街道）放在了同一个格子上，请把其中一个移到空格。', en: 'Two townships are on the same tile; move one of them to a free cell.' },
  dashboard_tile_missing_township: { 'zh-CN': '示意图缺少部分乡镇（街道）：请为每个乡镇摆放方块，或清空后恢复默认布局。', en: 'Some townships have no tile: place every township, or clear the layout to go back to the default grid.' },
  dashboard_tile_out_of_range: { 'zh-CN': '方块位置超出示意图范围（行、列均为 0–11）。', en: 'A tile lies outside the grid (rows and columns 0–11).' },
  conflict: { 'zh-CN': '数据与已有记录冲突（可能刚被他人修改），请刷新后重试。', en: 'This conflicts with existing data (perhaps just changed by someone else); reload and try again.' },
  database_unavailable: { 'zh-CN': '与数据库的连接中断，请稍后重试。', en: 'The connection to the database was lost; try again in a moment.' },
  server_busy: { 'zh-CN': '服务器繁忙，请稍后重试。', en: 'The server is busy; try again in a moment.' },
  internal_error: { 'zh-CN': '服务器内部错误，已记录，请稍后重试。', en: 'Internal server error; it has been logged. Try again later.' },
} satisfies Record<string, TText>;

export type TProblemCode = keyof typeof PROBLEM_MESSAGES;

export const ZProblemIssue = z.object({ path: z.string(), message: z.string() });

/**
 * Members a problem may carry besides RFC 9457's own (its "extension members"): facts a program
 * can act on, which the detail also says in words. Each is sent with the codes named.
 */
export const ZProblemExtensions = z.object({
  /** outside_calling_hours: the next calling window to open (or the one open now), as instants; null when the wave sets no hours. */
  nextWindow: z.object({ from: z.string(), to: z.string() }).nullable().optional(),
  /** wave_not_started, wave_ended: the fieldwork period of the wave concerned (Asia/Shanghai dates, both included). */
  period: z.object({ startsOn: z.string(), endsOn: z.string() }).optional(),
  /** import_* spreadsheet limits: the limit the file broke (a name in SPREADSHEET_LIMITS) and its value. */
  limit: z.object({ name: z.string(), value: z.number() }).optional(),
  /** case_step_not_allowed: the case's status and the steps it allows now (shared/cases CASE_STEPS). */
  caseStatus: z.string().optional(),
  allowedSteps: z.array(z.string()).optional(),
  /** case_possible_duplicate: the likely duplicates in the caller's area (shared/schemas/cases ZCaseDuplicateCandidate). */
  duplicates: z.array(z.record(z.string(), z.unknown())).optional(),
  /** case_batch_duplicate: the earlier batch of the same file. */
  batchId: z.string().optional(),
});
export type TProblemExtensions = z.infer<typeof ZProblemExtensions>;

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  issues: z.array(ZProblemIssue).optional(),
  ...ZProblemExtensions.shape,
});
export type TProblem = z.infer<typeof ZProblem>;
