/**
 * What Word and Outlook put on the clipboard as text/html, trimmed to the parts that matter but kept in their own
 * shape (mso-list paragraphs, conditional comments, <o:p>, inline styles, classes). Synthetic text only.
 */

/** Word for Windows: a bold heading line, a bulleted list with a nested level, a numbered list, a styled run. */
export const wordListsHtml = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!--
 /* Style Definitions */
 p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
@list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7;}
@list l1:level1 {mso-level-tab-stop:none; mso-level-number-position:left;}
--></style></head>
<body lang=EN-GB link="#0563C1" vlink="#954F72" style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:12.0pt;font-family:"Arial",sans-serif;color:#1F3864'>Home visit
summary</span></b><span style='font-family:"Arial",sans-serif'><o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:"Arial",sans-serif'>Visited with the health visitor; <span
style='font-weight:bold'>mother engaged well</span>.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-family:"Arial",sans-serif'>Tenancy arrears discussed<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New";mso-fareast-font-family:"Courier New"'><span style='mso-list:Ignore'>o<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span style='font-family:"Arial",sans-serif'>Payment
plan offered<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><b><span
style='font-family:"Arial",sans-serif'>School attendance at 82%</span></b><span style='font-family:"Arial",sans-serif'><o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:"Arial",sans-serif'><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='font-family:"Arial",sans-serif;mso-fareast-font-family:Arial'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-family:"Arial",sans-serif'>Refer to tenancy sustainment<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='font-family:"Arial",sans-serif;mso-fareast-font-family:Arial'><span style='mso-list:Ignore'>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-family:"Arial",sans-serif'>Review at the next meeting<o:p></o:p></span></p>
<!--EndFragment-->
</body>
</html>`;

/** Outlook for Windows (the Word engine): real <ul>/<ol> whose items still carry mso-list styles, inside WordSection1. */
export const outlookDesktopHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
p.MsoListParagraph, li.MsoListParagraph {margin-left:36.0pt; font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--></head>
<body lang=EN-GB link="#0563C1" style='word-wrap:break-word'>
<!--StartFragment--><div class=WordSection1>
<p class=MsoNormal>Hi all,<o:p></o:p></p>
<p class=MsoNormal><b>Actions from the strategy call</b><o:p></o:p></p>
<ul style='margin-top:0cm' type=disc>
<li class=MsoListParagraph style='margin-left:0cm;mso-list:l0 level1 lfo1'>Police to share the call-out log<o:p></o:p></li>
<li class=MsoListParagraph style='margin-left:0cm;mso-list:l0 level1 lfo1'><b>Urgent:</b> GP letter by Friday<o:p></o:p></li>
</ul>
<ol style='margin-top:0cm' start=1 type=1>
<li class=MsoListParagraph style='margin-left:0cm;mso-list:l1 level1 lfo2'>First numbered<o:p></o:p></li>
<li class=MsoListParagraph style='margin-left:0cm;mso-list:l1 level1 lfo2'>Second numbered<o:p></o:p></li>
</ol>
<p class=MsoNormal><span style='color:#1F497D'>Kind regards<o:p></o:p></span></p>
</div><!--EndFragment-->
</body></html>`;

/** Outlook on the web: divs and real lists with inline styles and an element id. */
export const outlookWebHtml = `<meta charset='utf-8'><div style="font-family: Aptos, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" class="elementToProof">Notes from the call</div>
<div style="font-family: Aptos, sans-serif;"><ul data-editing-info="{&quot;orderedStyleType&quot;:1}" style="margin-top: 0px;">
<li style="font-family: Aptos;"><div role="presentation" class="elementToProof"><b>Consent</b> given verbally</div></li>
<li style="font-family: Aptos;"><div role="presentation" class="elementToProof">Next visit on <span style="font-style: italic">Tuesday</span></div></li>
</ul></div>`;
