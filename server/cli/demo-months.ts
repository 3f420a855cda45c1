/**
 * What a residential chi bộ of the ward talks about, month by month of the
 * calendar year: the news and documents from above, the tasks it sets, what
 * members say. `lane` and `street` are the cell's own places.
 */
export interface MonthTheme {
  news: string;
  mood: string;
  documents: string;
  /** The month's tasks, each with how many assignees it needs. */
  tasks: readonly { text: string; people: 1 | 2 }[];
  /** Opinions on the current affairs and on the tasks, in the order they are given. */
  opinions: readonly string[];
  building: string;
  other: string;
}

type ThemeOf = (places: { lane: string; street: string }, year: number) => MonthTheme;

export const MONTH_THEMES: Readonly<Record<number, ThemeOf>> = {
  1: ({ lane, street }, year) => ({
    news: 'Thông tin kết quả Hội nghị Đảng ủy phường tổng kết năm và chương trình công tác năm mới; tình hình giá cả hàng hóa trước Tết Nguyên đán.',
    mood: 'Nhân dân phấn khởi chuẩn bị đón Tết; một số hộ kinh doanh nhỏ lo lắng vì sức mua giảm.',
    documents: `Kế hoạch số 02-KH/ĐU của Đảng ủy phường về tổ chức Tết Nguyên đán năm ${year} vui tươi, lành mạnh, an toàn, tiết kiệm.`,
    tasks: [
      { text: 'Thăm, tặng quà Tết các gia đình chính sách, hộ nghèo, người cao tuổi neo đơn.', people: 2 },
      { text: `Ra quân tổng vệ sinh ${lane} và ${street} trước Tết.`, people: 1 },
      { text: 'Vận động các hộ treo cờ Tổ quốc từ 28 tháng Chạp đến hết mùng 5 Tết.', people: 1 },
      { text: 'Phối hợp tổ dân phố trực an ninh trật tự, phòng chống cháy nổ đêm Giao thừa.', people: 2 },
    ],
    opinions: [
      'đề nghị ưu tiên quà cho hai cụ neo đơn ở cuối hẻm, năm ngoái chưa được thăm.',
      'các hộ kinh doanh ăn uống dịp Tết để bình gas sát bếp than, cần nhắc nhở cụ thể.',
      'nhất trí nhiệm vụ; đề nghị lập danh sách trực Tết có số điện thoại từng đồng chí.',
    ],
    building: 'Chi bộ thông qua kế hoạch phát triển đảng viên trong năm: dự kiến kết nạp 1 quần chúng ưu tú.',
    other: 'đề nghị sửa lại bảng tin khu phố đã bong tróc.',
  }),
  2: ({ lane }, year) => ({
    news: `Thông tin kỷ niệm ${year - 1930} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2); tình hình lễ hội đầu xuân.`,
    mood: 'Tư tưởng đảng viên và nhân dân ổn định; có ý kiến về tình trạng đốt vàng mã trên vỉa hè.',
    documents: 'Hướng dẫn số 05-HD/BTG của Ban Tuyên giáo về tuyên truyền kỷ niệm Ngày thành lập Đảng.',
    tasks: [
      { text: 'Tuyên truyền kỷ niệm Ngày thành lập Đảng trên loa khu phố và nhóm Zalo tổ dân phố.', people: 1 },
      { text: `Vận động các hộ ở ${lane} không đốt vàng mã trên vỉa hè, giữ vệ sinh chung.`, people: 1 },
      { text: 'Phun thuốc diệt muỗi, phát quang bụi rậm phòng bệnh sốt xuất huyết.', people: 2 },
    ],
    opinions: [
      'đề nghị in tờ rơi ngắn gọn về phòng cháy khi đốt vàng mã, phát tận hộ.',
      'năm nay chi bộ nên tổ chức cho thiếu nhi trong khu phố tham quan bảo tàng vào dịp hè.',
      'nhận phụ trách phun thuốc; đề nghị tổ dân phố báo trước lịch để các hộ mở cửa.',
    ],
    building: 'Đảng viên đăng ký nội dung học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong năm.',
    other: 'đề nghị bố trí thêm thùng rác công cộng đầu hẻm.',
  }),
  3: ({ street }) => ({
    news: 'Thông tin kỷ niệm Ngày Quốc tế Phụ nữ 8/3 và Ngày thành lập Đoàn Thanh niên 26/3; tình hình trật tự đô thị trên địa bàn phường.',
    mood: 'Nhân dân đồng tình với việc lập lại trật tự vỉa hè; một số hộ buôn bán nhỏ băn khoăn về chỗ bán hàng.',
    documents: 'Kế hoạch số 18-KH/UBND của Ủy ban nhân dân phường về lập lại trật tự lòng đường, vỉa hè.',
    tasks: [
      { text: `Vận động các hộ kinh doanh trên ${street} ký cam kết không lấn chiếm vỉa hè.`, people: 2 },
      { text: 'Phối hợp Chi đoàn tổ chức ngày Chủ nhật xanh, trồng cây xanh.', people: 1 },
      { text: 'Tổ chức gặp mặt chị em phụ nữ khu phố nhân ngày 8/3.', people: 1 },
    ],
    opinions: [
      'đề nghị phường bố trí điểm bán hàng tạm cho các hộ buôn bán nhỏ, tránh để bà con mất kế sinh nhai.',
      'nhất trí vận động trước, xử lý sau; đảng viên có người thân kinh doanh phải gương mẫu trước.',
      'đề nghị chi đoàn đảm nhận chăm sóc cây sau khi trồng.',
    ],
    building: 'Chi bộ giới thiệu đoàn viên Nguyễn Thanh Tâm tham dự lớp bồi dưỡng nhận thức về Đảng.',
    other: 'phản ánh đèn đường đầu hẻm bị hỏng đã hai tuần.',
  }),
  4: ({ lane }) => ({
    news: 'Thông tin kỷ niệm Ngày giải phóng miền Nam, thống nhất đất nước 30/4 và Quốc tế Lao động 1/5; nắng nóng kéo dài, nguy cơ cháy nổ cao.',
    mood: 'Tư tưởng ổn định; nhân dân lo ngại tình trạng cúp nước vào giờ cao điểm.',
    documents: 'Chỉ thị của Ủy ban nhân dân thành phố về tăng cường phòng cháy, chữa cháy mùa khô.',
    tasks: [
      { text: `Kiểm tra bình chữa cháy tại các hộ kinh doanh trong ${lane}, hướng dẫn cách sử dụng.`, people: 2 },
      { text: 'Treo cờ, băng rôn kỷ niệm 30/4 và 1/5.', people: 1 },
      { text: 'Tổng hợp ý kiến về tình trạng thiếu nước sạch gửi Ủy ban nhân dân phường.', people: 1 },
    ],
    opinions: [
      'nhiều nhà trong hẻm làm chuồng cọp, lối thoát hiểm bị bít, cần tuyên truyền kỹ.',
      'đề nghị mời Cảnh sát phòng cháy phường hướng dẫn thực hành cho tổ dân phố.',
      'khu vực cuối hẻm thường mất nước từ 17 giờ đến 20 giờ, đề nghị đưa vào kiến nghị.',
    ],
    building: 'Đồng chí được phân công giúp đỡ báo cáo tình hình quần chúng Nguyễn Thanh Tâm sau lớp bồi dưỡng.',
    other: 'đề nghị khen thưởng tổ dân phố làm tốt công tác vệ sinh quý I.',
  }),
  5: () => ({
    news: 'Thông tin kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5; công tác chuẩn bị hoạt động hè cho thiếu nhi.',
    mood: 'Phụ huynh quan tâm đến sân chơi và phòng chống đuối nước cho trẻ em trong dịp hè.',
    documents: 'Kế hoạch số 27-KH/ĐU về tổ chức các hoạt động kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh.',
    tasks: [
      { text: 'Phối hợp Chi đoàn tổ chức lễ ra quân hè và lớp học bơi miễn phí cho thiếu nhi.', people: 2 },
      { text: 'Rà soát trẻ em có hoàn cảnh khó khăn, đề nghị hỗ trợ học bổng.', people: 1 },
      { text: 'Tổ chức cho đảng viên xem phim tư liệu về Bác Hồ.', people: 1 },
    ],
    opinions: [
      'đề nghị mượn sân trường tiểu học làm sân chơi cho các cháu vào buổi chiều.',
      'nhất trí; lớp học bơi cần có người lớn đi kèm, đề nghị hội phụ huynh phân công.',
      'trong khu phố có 3 cháu mồ côi, đề nghị ưu tiên học bổng.',
    ],
    building: 'Chi bộ tự kiểm tra việc đóng đảng phí 5 tháng đầu năm: các đồng chí đều đóng đủ, đúng hạn.',
    other: 'phản ánh tình trạng xe máy đậu kín lối đi trước quán cà phê.',
  }),
  6: ({ lane, street }) => ({
    news: 'Thông tin sơ kết 6 tháng đầu năm của Đảng ủy phường; mùa mưa bắt đầu, triều cường.',
    mood: `Nhân dân ở ${lane} lo lắng vì mỗi trận mưa lớn nước ngập qua nền nhà.`,
    documents: 'Báo cáo sơ kết 6 tháng của Đảng ủy phường; Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn.',
    tasks: [
      { text: `Khơi thông cống rãnh, miệng hố ga trên ${street} trước mùa mưa.`, people: 2 },
      { text: 'Chi ủy hoàn thành báo cáo sơ kết 6 tháng của chi bộ gửi Đảng ủy phường.', people: 1 },
      { text: 'Lập danh sách hộ có người già, trẻ nhỏ cần hỗ trợ khi ngập.', people: 1 },
    ],
    opinions: [
      'đề nghị phường sớm nâng cấp đường cống, nạo vét tạm thời không giải quyết được.',
      'chi bộ đã hoàn thành tốt nhiệm vụ 6 tháng, nhưng việc phát triển đảng viên còn chậm.',
      'đề nghị bổ sung vào báo cáo kết quả vận động quỹ vì người nghèo.',
    ],
    building:
      'Đánh giá 6 tháng: chi bộ không có đảng viên vi phạm; biểu dương 2 đồng chí tích cực trong công tác vận động.',
    other: 'đề nghị tổ chức sinh hoạt chuyên đề quý III về phòng, chống suy thoái.',
  }),
  7: ({ lane }) => ({
    news: 'Thông tin kỷ niệm Ngày Thương binh - Liệt sĩ 27/7; tình hình mưa bão, áp thấp nhiệt đới.',
    mood: 'Tư tưởng ổn định; nhân dân đồng tình với việc chăm lo gia đình chính sách.',
    documents: 'Kế hoạch số 31-KH/ĐU về các hoạt động đền ơn đáp nghĩa nhân Ngày Thương binh - Liệt sĩ.',
    tasks: [
      { text: 'Thăm, tặng quà các gia đình thương binh, liệt sĩ, người có công.', people: 2 },
      { text: 'Tổ chức thắp nến tri ân tại nhà văn hóa tối 26/7.', people: 1 },
      { text: `Kiểm tra cây xanh có nguy cơ gãy đổ trong ${lane}, báo phường xử lý.`, people: 1 },
    ],
    opinions: [
      'đề nghị mời các cựu chiến binh kể chuyện cho thanh thiếu niên trong buổi thắp nến.',
      'có một cây me lớn nghiêng ra đường, rất nguy hiểm khi mưa bão.',
      'nhất trí nhiệm vụ; đề nghị quà tặng kèm thư thăm hỏi của chi bộ.',
    ],
    building: 'Đồng chí dự bị báo cáo kết quả rèn luyện 6 tháng; đảng viên giúp đỡ nhận xét tiến bộ rõ.',
    other: 'đề nghị chi bộ tổ chức cho đảng viên cao tuổi khám sức khỏe định kỳ.',
  }),
  8: ({ street }) => ({
    news: 'Thông tin kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9; công tác chuẩn bị năm học mới.',
    mood: 'Phụ huynh quan tâm đến các khoản thu đầu năm học; có ý kiến về an toàn giao thông trước cổng trường.',
    documents: 'Hướng dẫn của Ban Tuyên giáo về tuyên truyền kỷ niệm Cách mạng Tháng Tám và Quốc khánh.',
    tasks: [
      { text: 'Vận động quỹ khuyến học, trao học bổng cho học sinh nghèo vượt khó.', people: 2 },
      { text: `Phối hợp công an phường giữ trật tự giao thông giờ tan trường trên ${street}.`, people: 1 },
      { text: 'Treo cờ Tổ quốc và làm mới pa nô tuyên truyền dịp Quốc khánh.', people: 1 },
    ],
    opinions: [
      'đề nghị công khai danh sách nhận học bổng trên bảng tin khu phố.',
      'giờ tan trường xe đưa đón đậu hai bên đường, rất dễ xảy ra va chạm.',
      'nhận vận động quỹ khuyến học; mục tiêu bằng năm ngoái.',
    ],
    building: 'Chi bộ hoàn thiện hồ sơ đề nghị kết nạp quần chúng Nguyễn Thanh Tâm, trình Đảng ủy phường.',
    other: 'phản ánh một hộ cho thuê trọ chưa đăng ký tạm trú cho người thuê.',
  }),
  9: ({ lane }) => ({
    news: 'Thông tin kết quả tổ chức Quốc khánh 2/9; khai giảng năm học mới; chuẩn bị Tết Trung thu cho thiếu nhi.',
    mood: 'Nhân dân phấn khởi; có ý kiến về tiếng ồn karaoke sau 22 giờ.',
    documents: 'Nghị quyết của Đảng ủy phường về nhiệm vụ quý IV; Hướng dẫn tổ chức Tết Trung thu.',
    tasks: [
      { text: 'Tổ chức vui Tết Trung thu cho thiếu nhi khu phố, tặng quà cháu có hoàn cảnh khó khăn.', people: 2 },
      { text: `Vận động các hộ trong ${lane} không hát karaoke gây ồn sau 22 giờ.`, people: 1 },
      { text: 'Rà soát đảng viên cao tuổi đủ điều kiện đề nghị tặng Huy hiệu Đảng.', people: 1 },
    ],
    opinions: [
      'đề nghị dùng kinh phí tiết kiệm từ quỹ khu phố để mua thêm lồng đèn cho các cháu.',
      'đã nhắc nhở hai hộ karaoke nhưng chưa chuyển biến, đề nghị tổ dân phố lập biên bản.',
      'đồng chí Trương Văn Lộc đủ 50 năm tuổi Đảng vào tháng 2 năm sau, đề nghị làm hồ sơ sớm.',
    ],
    building: 'Chi bộ nhận xét quần chúng ưu tú trước khi Đảng ủy phường thẩm định hồ sơ kết nạp.',
    other: 'đề nghị sửa mái che nhà văn hóa bị dột.',
  }),
  10: ({ lane }) => ({
    news: 'Thông tin kỷ niệm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam 20/10; mưa lớn cuối mùa gây ngập cục bộ.',
    mood: `Một số hộ ở ${lane} còn băn khoăn về tình trạng ngập nước khi mưa lớn.`,
    documents: 'Hướng dẫn số 12-HD/ĐU của Đảng ủy phường về rà soát hộ nghèo, hộ cận nghèo cuối năm.',
    tasks: [
      { text: 'Rà soát hộ nghèo, hộ cận nghèo theo biểu mẫu của phường.', people: 2 },
      { text: 'Phối hợp Chi hội Phụ nữ tổ chức gặp mặt nhân ngày 20/10.', people: 1 },
      { text: 'Vận động các hộ bỏ rác đúng giờ, đúng nơi quy định.', people: 1 },
    ],
    opinions: [
      'đề nghị rà soát kỹ các hộ mới chuyển đến, nhiều hộ chưa có trong danh sách.',
      'nhất trí; việc thu gom rác cần thống nhất giờ với công ty môi trường.',
      'đề nghị chi bộ biểu dương các hộ thực hiện tốt để nhân rộng.',
    ],
    building: 'Chi bộ thông qua nhận xét đảng viên dự bị trước khi hết thời gian dự bị.',
    other: 'đề nghị lắp gương cầu lồi ở khúc cua trong hẻm.',
  }),
  11: ({ street }) => ({
    news: 'Thông tin Ngày hội Đại đoàn kết toàn dân tộc 18/11 và Ngày Nhà giáo Việt Nam 20/11.',
    mood: 'Nhân dân đồng tình tham gia Ngày hội Đại đoàn kết; một số ý kiến về chi phí tổ chức.',
    documents: 'Kế hoạch của Ủy ban Mặt trận Tổ quốc phường tổ chức Ngày hội Đại đoàn kết toàn dân tộc.',
    tasks: [
      { text: 'Phối hợp Ban công tác Mặt trận tổ chức Ngày hội Đại đoàn kết ở khu phố.', people: 2 },
      { text: 'Chuẩn bị báo cáo kiểm điểm, đánh giá chất lượng đảng viên cuối năm.', people: 1 },
      { text: `Vận động xây dựng tuyến đường văn minh đô thị trên ${street}.`, people: 1 },
    ],
    opinions: [
      'đề nghị tổ chức Ngày hội gọn nhẹ, tiết kiệm, tập trung biểu dương gia đình văn hóa.',
      'nhất trí; mỗi đảng viên cần tự kiểm điểm nghiêm túc, nêu rõ khuyết điểm.',
      'đề nghị tặng quà các thầy cô giáo về hưu trong khu phố nhân ngày 20/11.',
    ],
    building: 'Chi ủy hướng dẫn đảng viên viết bản tự kiểm điểm cuối năm theo mẫu của Đảng ủy.',
    other: 'phản ánh tình trạng rác thải xây dựng đổ trộm ở góc đường.',
  }),
  12: ({ lane }, year) => ({
    news: `Thông tin tổng kết năm ${year} của Đảng ủy phường; kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam 22/12.`,
    mood: 'Đảng viên phấn khởi với kết quả năm; nhân dân mong sớm cải tạo đường cống.',
    documents: 'Hướng dẫn của Ban Tổ chức về kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên.',
    tasks: [
      { text: 'Tổ chức kiểm điểm, đánh giá, xếp loại đảng viên năm, gửi kết quả về Đảng ủy phường.', people: 1 },
      { text: 'Thăm hỏi gia đình quân nhân đang tại ngũ nhân ngày 22/12.', people: 1 },
      { text: `Tổng hợp kiến nghị của cử tri về cải tạo cống thoát nước ${lane}.`, people: 2 },
    ],
    opinions: [
      'đề nghị chi bộ xếp loại đúng thực chất, không nể nang.',
      'kết quả vận động quỹ vì người nghèo năm nay vượt chỉ tiêu, cần biểu dương các hộ đóng góp.',
      'nhất trí nhiệm vụ; đề nghị chuẩn bị sớm kế hoạch đón Tết.',
    ],
    building: `Chi bộ tự đánh giá: hoàn thành tốt nhiệm vụ năm ${year}; đề xuất 2 đảng viên hoàn thành xuất sắc nhiệm vụ.`,
    other: 'đề nghị in lịch sinh hoạt chi bộ năm sau phát cho từng đảng viên.',
  }),
};

/** The quarter's thematic meeting: its topic, the introductory paper, contributions and conclusion. */
export interface ThematicTheme {
  topic: string;
  paper: readonly string[];
  contributions: readonly string[];
  conclusion: string;
  commitments: readonly string[];
}

export const THEMATIC_THEMES: Readonly<Record<number, ThematicTheme>> = {
  3: {
    topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về nêu gương của cán bộ, đảng viên',
    paper: [
      'Đề dẫn nêu những lời dạy của Chủ tịch Hồ Chí Minh về vai trò nêu gương: «một tấm gương sống còn có giá trị hơn một trăm bài diễn văn tuyên truyền».',
      'Đề dẫn đánh giá: đảng viên của chi bộ gương mẫu trong các phong trào của khu phố; còn có đồng chí chưa thường xuyên tham gia sinh hoạt tổ dân phố.',
    ],
    contributions: [
      'tham luận «Đảng viên hưu trí nêu gương ở khu dân cư»: người đảng viên về hưu vẫn phải đi đầu trong việc nhỏ nhất như giữ vệ sinh trước nhà.',
      'nêu gương không chỉ ở lời nói; đề nghị mỗi đảng viên đăng ký một việc làm cụ thể trong quý.',
      'đảng viên trẻ cần học cách vận động của các đồng chí lớn tuổi, kiên trì, gần dân.',
    ],
    conclusion: 'Mỗi đảng viên đăng ký một việc làm cụ thể làm theo gương Bác và báo cáo kết quả vào cuối năm.',
    commitments: ['Tổng hợp bản đăng ký việc làm làm theo gương Bác của đảng viên.'],
  },
  6: {
    topic: 'Nâng cao vai trò của chi bộ trong xây dựng khu phố văn minh đô thị',
    paper: [
      'Đề dẫn trình bày các tiêu chí khu phố văn minh đô thị và kết quả khu phố đạt được: 8/10 tiêu chí.',
      'Hai tiêu chí chưa đạt: trật tự lòng đường, vỉa hè và tỷ lệ hộ phân loại rác tại nguồn.',
    ],
    contributions: [
      'tham luận về kinh nghiệm vận động phân loại rác: bắt đầu từ các gia đình đảng viên, rồi đến từng tổ.',
      'việc lấn chiếm vỉa hè gắn với sinh kế, cần vận động mềm dẻo nhưng kiên quyết.',
      'đề nghị đưa tiêu chí văn minh đô thị vào đánh giá đảng viên cuối năm.',
    ],
    conclusion: 'Chi bộ phấn đấu đạt đủ 10/10 tiêu chí trong năm; mỗi đảng viên phụ trách vận động 5 hộ liền kề.',
    commitments: ['Phân công đảng viên phụ trách hộ liền kề, lập danh sách gửi chi ủy.'],
  },
  9: {
    topic:
      'Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống, «tự diễn biến», «tự chuyển hóa» trong nội bộ',
    paper: [
      'Đề dẫn phân tích các biểu hiện suy thoái được nêu trong Nghị quyết Trung ương 4 khóa XII và liên hệ với đảng viên sinh hoạt ở khu dân cư.',
      'Đề dẫn lưu ý thông tin xấu, độc trên mạng xã hội: đảng viên không chia sẻ tin chưa được kiểm chứng.',
    ],
    contributions: [
      'tham luận «Đảng viên với mạng xã hội»: nhiều tin giả lan truyền trong nhóm Zalo của khu phố, đảng viên cần kịp thời giải thích cho bà con.',
      'biểu hiện thờ ơ, ngại sinh hoạt cũng là suy thoái; đề nghị chi bộ nhắc nhở đảng viên vắng nhiều buổi.',
      'đề nghị tổ chức nói chuyện chuyên đề về nhận diện tin giả cho đảng viên cao tuổi.',
    ],
    conclusion: 'Đảng viên tự liên hệ, kiểm điểm theo các biểu hiện suy thoái; chi ủy theo dõi, nhắc nhở kịp thời.',
    commitments: ['Tổ chức buổi nói chuyện nhận diện tin giả trên mạng xã hội cho đảng viên và nhân dân.'],
  },
  12: {
    topic: 'Chuyển đổi số ở khu phố: đảng viên đi trước trong sử dụng dịch vụ công trực tuyến',
    paper: [
      'Đề dẫn giới thiệu các dịch vụ công trực tuyến thường dùng: đăng ký tạm trú, khai sinh, xác nhận cư trú; tỷ lệ hộ trong khu phố đã sử dụng còn thấp.',
      'Đề dẫn đề xuất thành lập tổ công nghệ số cộng đồng, mỗi đảng viên trẻ hướng dẫn ít nhất 3 hộ.',
    ],
    contributions: [
      'tham luận về kinh nghiệm hướng dẫn người cao tuổi cài đặt ứng dụng định danh điện tử.',
      'nhiều đảng viên cao tuổi chưa dùng điện thoại thông minh thành thạo, đề nghị có lớp hướng dẫn riêng.',
      'đề nghị chi bộ dùng sổ tay điện tử để gửi tài liệu sinh hoạt trước cho đảng viên.',
    ],
    conclusion:
      'Chi bộ thành lập tổ công nghệ số cộng đồng; đến cuối quý, mỗi đảng viên sử dụng được ít nhất một dịch vụ công trực tuyến.',
    commitments: ['Thành lập tổ công nghệ số cộng đồng, lập danh sách hộ cần hướng dẫn.'],
  },
};
