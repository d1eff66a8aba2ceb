//! Figures from made-up sentences, through the whole pipeline: each test
//! names the mechanism it pins down.

use crate::input::Document;
use crate::model::{DocId, Figure};

use crate::pipeline::shipped as pipeline;

fn figures(text: &str) -> Vec<Figure> {
    let doc = Document {
        id: DocId("t".into()),
        file_name: String::new(),
        path: Default::default(),
        source: text.to_string(),
    };
    pipeline().run(&doc).figures
}

fn figure(text: &str, figure_text: &str) -> Figure {
    let all = figures(text);
    let texts: Vec<&str> = all.iter().map(|f| f.text.as_str()).collect();
    all.iter().find(|f| f.text == figure_text).unwrap_or_else(|| panic!("{figure_text} not in {texts:?}")).clone()
}

fn measure(text: &str, figure_text: &str) -> Option<String> {
    figure(text, figure_text).measure
}

fn subject(text: &str, figure_text: &str) -> Option<String> {
    figure(text, figure_text).subject.map(|k| k.name)
}

fn period(text: &str, figure_text: &str) -> Option<String> {
    figure(text, figure_text).period
}

#[test]
fn measure_after_a_classifier_spans_a_verb_between_nouns() {
    assert_eq!(measure("该区去年新建120个社区服务站点。", "120个").as_deref(), Some("社区服务站点"));
    assert_eq!(measure("全市共有3200家科技创新企业，同比增长8%。", "3200家").as_deref(), Some("科技创新企业"));
}

#[test]
fn measure_before_a_count_drops_subject_time_adverb_and_verb() {
    assert_eq!(measure("截至目前，杭州已集聚各类研发机构260家。", "260家").as_deref(), Some("研发机构"));
    assert_eq!(
        measure("目前苏州有高新技术企业1.5万家，其中专精特新企业200家。", "200家").as_deref(),
        Some("专精特新企业")
    );
}

#[test]
fn a_relative_clause_stays_in_the_counted_phrase() {
    assert_eq!(
        measure("今年前三季度，在海南注册的境外企业达820家。", "820家").as_deref(),
        Some("在海南注册的境外企业")
    );
}

#[test]
fn measure_before_an_amount_is_the_subjectless_predicate() {
    assert_eq!(
        measure("成都市一季度社会消费品零售总额同比增长6.5%。", "6.5%").as_deref(),
        Some("社会消费品零售总额同比增长")
    );
    assert_eq!(measure("全国规模以上工业增加值同比增长5.2%。", "5.2%").as_deref(), Some("规模以上工业增加值同比增长"));
    assert_eq!(measure("武汉去年实现进出口总额3600亿元。", "3600亿元").as_deref(), Some("进出口总额"));
}

#[test]
fn a_name_modifying_a_noun_stays_in_the_measure() {
    assert_eq!(measure("中国研发经费投入已连续多年超过2%。", "2%").as_deref(), Some("中国研发经费投入"));
}

#[test]
fn a_bare_change_is_the_change_of_the_amount_before_it() {
    assert_eq!(
        measure("今年上半年，合肥市实现营业收入520亿元，同比增长12%。", "12%").as_deref(),
        Some("营业收入同比增长")
    );
}

#[test]
fn the_previous_figure_ends_the_clause() {
    assert_eq!(measure("座谈会上有30家企业营收增速超20%。", "20%").as_deref(), Some("营收增速"));
}

#[test]
fn a_count_without_a_noun_borrows_the_earlier_one() {
    let text = "西安累计发布420项改革经验，其中在全省推广56项，宝鸡市借鉴38项。";
    assert_eq!(measure(text, "56项").as_deref(), Some("在全省推广的改革经验"));
    assert_eq!(measure(text, "38项").as_deref(), Some("宝鸡市借鉴的改革经验"));
    assert_eq!(subject(text, "38项").as_deref(), Some("西安市"));
}

#[test]
fn subject_is_the_nearest_place_in_clause_then_sentence_then_paragraph() {
    let text = "台州新增企业100家。台州出口回升。台州进口回升。\n温州今年经济回升。工业产值增长6%。\n据统计，宁波港口吞吐量增长9%，绍兴增长7%。";
    assert_eq!(subject(text, "100家").as_deref(), Some("台州市"));
    assert_eq!(subject(text, "6%").as_deref(), Some("温州市"), "earlier in the paragraph, not the topic");
    assert_eq!(subject(text, "9%").as_deref(), Some("宁波市"));
    assert_eq!(subject(text, "7%").as_deref(), Some("绍兴市"));
}

#[test]
fn our_country_is_the_country() {
    let text = "中国是制造业大国。近年来，我国风电装机容量突破4亿千瓦。";
    assert_eq!(subject(text, "4亿千瓦").as_deref(), Some("中国"));
}

#[test]
fn a_named_source_is_not_the_subject() {
    let text = "福建省统计局发布数据显示，工业投资增长11%。";
    assert_ne!(subject(text, "11%").as_deref(), Some("福建省统计局"));
}

#[test]
fn period_is_the_nearest_before_in_sentence_else_in_paragraph() {
    let text = "今年以来，青岛经济稳中向好，今年一季度出口增长8.1%。";
    assert_eq!(period(text, "8.1%").as_deref(), Some("今年一季度"));
    let text = "去年底，厦门有外资企业9000家。其中台资企业4100家。";
    assert_eq!(period(text, "4100家").as_deref(), Some("去年底"));
    assert_eq!(period("目前，长沙有独角兽企业6家。", "6家").as_deref(), Some("目前"));
    assert_eq!(period("今年1到5月，南昌工业产值增长7%。", "7%").as_deref(), Some("今年1到5月"));
}

#[test]
fn periods_durations_ordinals_and_glued_numerals_are_not_figures() {
    let texts = |t: &str| figures(t).into_iter().map(|f| f.text).collect::<Vec<_>>();
    assert!(texts("今年前5个月，出口增长3%。").iter().all(|t| t != "5个"));
    assert!(texts("约用了12个小时完成。").is_empty());
    assert!(texts("把成本统一成三类核算。").is_empty());
    assert!(texts("第十二届运动会在杭州开幕。").is_empty());
    assert!(texts("代表出席十四届全国人大二次会议。").is_empty());
}

#[test]
fn tenths_are_figures() {
    let f = figure("该企业海外营收占比超六成。", "六成");
    assert_eq!((f.value, f.unit.as_str(), f.qualifier.as_deref()), (6.0, "成", Some("超")));
}

#[test]
fn a_later_rank_ranks_what_the_earlier_one_ranked() {
    let text = "中国数字竞争力排名已从2015年第30位上升至2022年第9位。";
    let (first, second) = (figure(text, "第30位"), figure(text, "第9位"));
    assert_eq!(first.measure, second.measure);
    assert_eq!((first.period.as_deref(), second.period.as_deref()), (Some("2015年"), Some("2022年")));
}

#[test]
fn a_figure_modifying_its_measure_takes_the_noun_after_de() {
    assert_eq!(measure("该市设立了50亿元的产业引导基金。", "50亿元").as_deref(), Some("产业引导基金"));
}

#[test]
fn a_count_that_changes_borrows_the_noun_before_the_change() {
    let text = "全省共有科技型企业4万家，比上年增加5600家。";
    assert_eq!(measure(text, "5600家").as_deref(), Some("科技型企业比上年增加"));
}

#[test]
fn a_change_after_a_comparison_names_nothing_of_its_own() {
    let text = "该港口今年货物吞吐量3.2亿吨，比上年度下降4%。";
    assert_eq!(measure(text, "4%").as_deref(), Some("货物吞吐量比上年度下降"));
}

#[test]
fn a_verb_or_a_place_is_not_what_is_counted() {
    assert_eq!(measure("活动今天在全国300个城市同时展开。", "300个").as_deref(), Some("城市"));
    assert_eq!(measure("活动今天在全国300个，同时展开。", "300个"), None);
    assert_eq!(measure("该项目可带动就业2000余人。", "2000余人"), None);
}

#[test]
fn an_affiliation_of_a_speaker_is_not_the_subject() {
    let text = "中国是人口大国。复旦大学教授李华表示，我国科研人员总量已超过600万人。";
    assert_eq!(subject(text, "600万人").as_deref(), Some("中国"));
}

#[test]
fn an_industry_heading_the_measure_is_the_subject() {
    let text = "3月份，规模以上新能源汽车产值同比增长30%。";
    assert_eq!(subject(text, "30%").as_deref(), Some("新能源汽车"));
}

#[test]
fn spelt_counts_are_read_whole() {
    let f = figure("全市四千六百二十一家国有企业参加了调查。", "四千六百二十一家");
    assert_eq!(f.value, 4621.0);
}

#[test]
fn year_ranges_and_recent_days_are_periods() {
    assert_eq!(period("1998—1999年财政年度，经济增长率达到6.2%。", "6.2%").as_deref(), Some("1998—1999年"));
    assert_eq!(period("3天来，书店营业额达40多万元。", "40多万元").as_deref(), Some("3天来"));
}
