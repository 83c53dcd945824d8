/** Interface texts of the bulletin's preview (通报预览), in Chinese. The document itself is always Chinese. */
export const bulletinZhCN = {
  'bulletin.title': '考核通报预览',
  'bulletin.issuer': '发文机关',
  'bulletin.number': '发文字号',
  'bulletin.numberPlaceholder': '如 宁联办〔2026〕12号',
  'bulletin.date': '成文日期',
  'bulletin.apply': '更新预览',
  'bulletin.docx': '下载 Word 通报',
  'bulletin.xlsx': '下载 Excel 表格',
  'bulletin.notes': '下载工作备注（内部）',
  'bulletin.notesHint': '工作备注含刷分迹象等内部信息，仅限县级查看，不随通报印发。',
  'bulletin.draft': '该考核尚未发布：以下为征求意见稿，Word 文件每页均有标注。',
  'bulletin.source': '来源',
  'bulletin.back': '返回考核',
} as const;
