//! Person names from made-up sentences, through the whole pipeline: each
//! test names the mechanism it pins down.

use crate::input::Document;
use crate::model::EntityType;

use crate::pipeline::shipped as pipeline;

/// The persons found in `text`, as written, in order.
fn persons(text: &str) -> Vec<String> {
    let facts = pipeline().run(&Document::from_text("t", text));
    facts.mentions.into_iter().filter(|m| m.entity.ty == EntityType::Person).map(|m| m.surface).collect()
}

#[test]
fn a_name_stops_before_a_function_word_jieba_cut_after_it() {
    assert_eq!(persons("局长王芬还表示，要加快进度。"), ["王芬"]);
    assert_eq!(persons("主任王平又指出，要抓紧落实。"), ["王平"]);
}

#[test]
fn a_name_keeps_its_last_character_that_jieba_glued_to_a_function_character() {
    assert_eq!(persons("局长林少农等同志出席了会议。"), ["林少农"]);
}

#[test]
fn a_function_character_ends_no_name() {
    assert_eq!(persons("班长刘华说，大家都要努力。"), ["刘华"]);
    assert_eq!(persons("正如诗人林默所说，生活要简单。"), ["林默"]);
}

#[test]
fn a_name_never_ends_inside_a_word_that_is_none() {
    assert!(persons("我们认真学习《职工权益保护法》。").is_empty());
    assert!(persons("这是一幅山水画家的作品。").is_empty());
}

#[test]
fn a_weak_surname_standing_alone_opens_no_name() {
    assert!(persons("部长接见记者时表示，将加快改革。").is_empty());
    assert!(persons("老师说学生应如此。").is_empty());
}

#[test]
fn a_village_is_no_person_but_a_given_name_may_end_like_a_prefecture() {
    assert!(persons("他是赵庄村党支部书记。").is_empty());
    assert_eq!(persons("民警王九州也来了。"), ["王九州"]);
}

#[test]
fn a_given_name_jieba_tags_foreign_follows_a_lone_surname() {
    assert_eq!(persons("同村的王育英大娘的老伴去世了。"), ["王育英"]);
}

#[test]
fn a_place_opening_a_name_spelt_by_sound_does_not_hide_it() {
    assert_eq!(persons("意甲前锋马里奥斯今天进了两球。"), ["马里奥斯"]);
}

#[test]
fn a_function_word_jieba_glued_to_a_name_is_left_out() {
    assert_eq!(persons("比赛很艰苦，但葛小雨还是赢了。"), ["葛小雨"]);
    assert_eq!(persons("第一轮，刘明对陶志强。"), ["刘明", "陶志强"]);
    assert_eq!(persons("陈咏是一名老演员。"), ["陈咏"]);
}

#[test]
fn a_japanese_family_name_takes_its_given_name_or_stands_alone_beside_a_title() {
    assert_eq!(persons("日本首相佐藤健太郎今天在东京会见了代表团。"), ["佐藤健太郎"]);
    assert_eq!(persons("日本队主教练山本武志说，球队表现不错。"), ["山本武志"]);
    assert_eq!(persons("高桥还表示，日本将继续推动改革。"), ["高桥"]);
    assert!(persons("本田汽车公司的产量增长，他在田中劳作。").is_empty());
}

#[test]
fn a_currency_after_a_decimal_number_and_a_compound_noun_are_no_names() {
    assert!(persons("每公斤涨价2.5卢比，他买了一辆吉普车。").is_empty());
}

#[test]
fn a_word_spelt_by_sound_before_a_noun_names_a_brand_unless_a_title_says_otherwise() {
    assert!(persons("这部电影很有迪斯尼特色，阿尔法磁谱仪升空了。").is_empty());
    assert_eq!(persons("萨利姆亲王今天抵达北京，纪念戏剧家莫里哀诞辰。"), ["萨利姆", "莫里哀"]);
}

#[test]
fn a_dotted_name_an_organization_ending_follows_names_the_body() {
    assert!(persons("代表们聚集在约翰·布朗大学，讨论了合作。").is_empty());
}

#[test]
fn a_classifier_after_a_determiner_and_a_word_before_a_bare_body_ending_are_no_names() {
    assert!(persons("那张小巧的门票很精致，他加入了明泉基地。").is_empty());
}

#[test]
fn a_surname_alone_needs_its_title_to_end_a_word() {
    assert!(persons("该市廉政委员会副主席说").is_empty());
    assert_eq!(persons("吴老师都来了"), ["吴"]);
}

#[test]
fn a_verb_opening_like_a_things_head_is_no_things_context() {
    assert_eq!(persons("本报记者王海、米尔科报道：会议今天召开。"), ["王海", "米尔科"]);
}

#[test]
fn a_two_character_word_glued_to_a_lone_noun_modifies_it() {
    assert!(persons("老人们说，这里常刮金沙风。").is_empty());
}

#[test]
fn a_title_overrides_the_tag_jiebas_hmm_guessed_for_a_name_but_not_for_a_verb() {
    assert_eq!(persons("总参谋长杨内私下表示不满。"), ["杨内"]);
    assert!(persons("如今的农民管起了自家的账本。").is_empty());
}

#[test]
fn a_word_jieba_also_knows_as_common_makes_no_list_of_names() {
    assert!(persons("他报了自由式滑雪、越野滑雪两个项目。").is_empty());
}

#[test]
fn two_characters_spelt_by_sound_after_a_title_are_a_name() {
    assert_eq!(persons("首战英国名将曼德，她仅用10分钟便获胜。"), ["曼德"]);
    assert!(persons("首战英国名将，曼德电器公司赞助。").iter().all(|p| p != "曼德"));
}

#[test]
fn a_descriptor_before_a_name_is_its_context() {
    assert_eq!(persons("来自农村的少女玛裕娜和妹妹一起求职。"), ["玛裕娜"]);
    assert_eq!(persons("鞋厂厂主商国华和工人们一起干活。"), ["商国华"]);
}

#[test]
fn a_place_spelt_by_sound_that_jieba_cut_before_its_suffix_is_one_place() {
    let facts = pipeline().run(&Document::from_text("t", "当地媒体报道，他是莱克伍德县的一名法官。"));
    let places: Vec<String> =
        facts.mentions.into_iter().filter(|m| m.entity.ty == EntityType::Place).map(|m| m.surface).collect();
    assert_eq!(places, ["莱克伍德县"]);
    assert!(persons("当地媒体报道，他是莱克伍德县的一名法官。").is_empty());
}

/// Text repair keeps the names of a byline apart (lexicons/byline_openers.txt):
/// run together, 江平王金华 was read as 江平王 and 金华.
#[test]
fn the_names_of_a_byline_written_apart_with_spaces_stay_apart() {
    assert_eq!(persons("本报记者 江平 王金华 高志强\n全区今年新建三个园区。"), ["江平", "王金华", "高志强"]);
    // A two-character name padded to the width of three is one name.
    assert_eq!(persons("记者 吴 桐 王金华\n全区今年新建三个园区。"), ["吴桐", "王金华"]);
}
