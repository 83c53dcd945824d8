/**
 * Interface texts of the survey pages in plain words (issue 9, point 6), in Chinese: the
 * statisticians' terms (AAPOR rates, e, Holm, Wilson) as a plain label with their code kept for
 * specialists and a short explanation on hover, and a running wave's changeable settings.
 * Keys start with 'words.'.
 */
export const surveyWordsZhCN = {
  'words.term.RR1': '应答率',
  'words.term.RR1.hint': '拨出的号码中完成访问的比例。打不通、一直无人接的号码全部算进分母，是最保守的算法。',
  'words.term.RR3': '估计应答率',
  'words.term.RR3.hint': '与应答率相同，但一直打不通、无法确认的号码只按估计的有效比例 e 算进分母。',
  'words.term.COOP1': '配合率',
  'words.term.COOP1.hint': '接通并确认是调查对象的人中，完成访问的比例：反映受访者愿不愿意配合。',
  'words.term.REF1': '拒访率',
  'words.term.REF1.hint': '拒绝访问或中途挂断的比例（分母与应答率相同）。',
  'words.term.CON1': '接通率',
  'words.term.CON1.hint': '拨出的号码中，接通并联系上人的比例（分母与应答率相同）。',
  'words.term.e': '无法确认号码中的有效比例',
  'words.term.e.hint': '一直无人接听等无法确认的号码，估计其中有多大比例确实是调查对象；只用于计算估计应答率（RR3）。',
  'words.term.holm': '多重比较校正',
  'words.term.holm.hint': '同时比较很多对乡镇时，碰巧出现“差异显著”的机会会变多；Holm 方法相应收紧判断标准，避免把偶然差异当成真实差异。',
  'words.term.wilson': '比例的置信区间',
  'words.term.wilson.hint': '满意率等比例的 95% 区间：有 95% 的把握真实比例落在其中。Wilson 法在样本少或比例接近 0% 或 100% 时也可靠。',
  'words.term.formula': '计算方法：',
  'words.term.more': '这是什么？',

  'words.results.rankingMethod': '共 {of} 个乡镇参与排名；每两个乡镇之间做一次比较（z 检验，显著性水平 {alpha}），并作了{holm}。',
  'words.results.methodRates': '满意率、不满意率、知晓率、走访率：以有效回答为基数（“不了解”“记不清”不计入），区间为{wilson}。',
  'words.results.nothingRanked': '有效样本足够的乡镇还不到两个，暂时没有可比较的排名。',
  'words.results.allDistinct': '排名相邻的乡镇之间，满意度指数的差异都超出了抽样误差，名次先后可以作为比较的依据。',
  'words.results.noResultsYet': '本轮还没有完成的访问，暂无结果。',

  'words.term.withCode': '{label}（{code}）',
  'words.e.title': '估计应答率所用的有效比例',
  'words.e.explain': '一直无人接听等无法确认的号码中，估计有多大比例确实是调查对象。默认按已确认的号码推算；拖动滑块可以看看换一个比例时估计应答率（RR3）会怎样变化，督导可以把它保存为本轮设置。',

  'words.wave.adjust': '调整实施安排',
  'words.wave.adjustTitle': '调整实施安排：{name}',
  'words.wave.adjustExplain': '调查实施期间只能调整结束日期、拨打时段和每个号码最多拨打次数，下一个分配出去的样本就按新的安排执行；问卷、样本和抽样设置保持不变。每次调整都记入操作日志。',
  'words.wave.endsOn': '结束日期',
  'words.wave.endsOnHint': '不能早于今天和开始日期（{startsOn}）。',
  'words.wave.maxAttemptsHint': '不能少于已经拨打过的最多次数。调高后，只有尚未结案的号码会继续拨打；已因达到原上限而结案的号码不会重新打开。',
  'words.wave.adjusted': '实施安排已调整，下一个样本起生效',
  'words.wave.runningHint': '实施期间可以调整结束日期、拨打时段和最多拨打次数（“调整实施安排”）；其他设置已固定。',
} as const;
