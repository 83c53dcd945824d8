import type { bulletinZhCN } from './bulletin.zh-CN.ts';

/** Interface texts of the bulletin's preview, in English (the document itself stays in Chinese). */
export const bulletinEn: Record<keyof typeof bulletinZhCN, string> = {
  'bulletin.title': 'Assessment bulletin preview',
  'bulletin.issuer': 'Issuing office',
  'bulletin.number': 'Document number',
  'bulletin.numberPlaceholder': 'e.g. 宁联办〔2026〕12号',
  'bulletin.date': 'Date',
  'bulletin.apply': 'Update preview',
  'bulletin.docx': 'Download Word bulletin',
  'bulletin.xlsx': 'Download Excel tables',
  'bulletin.notes': 'Download working notes (internal)',
  'bulletin.notesHint': 'The working notes hold signs of gaming and other internal remarks: county only, never sent with the bulletin.',
  'bulletin.draft': 'This assessment is not published: this is a draft for comment (征求意见稿), marked on every page of the Word file.',
  'bulletin.source': 'source',
  'bulletin.back': 'Back to the assessment',
};
