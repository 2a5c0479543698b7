#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate Green Atlas's bundled sample city: an *approximate* Bangkok.

Every coordinate below was entered by hand, rounded, from general knowledge of
the city; every population figure is rounded; the emission hotspots and the
air-quality readings are synthetic (fixed random seed).  The files are for
demonstrations and tests of the app, never for planning decisions.

The script writes GeoJSON/CSV source text with the Python standard library and
hands it to GDAL's ogr2ogr (package gdal-bin), which does all the reprojection
and file-format work.  It writes the files municipal data usually come in:

  districts.shp              UTM 47N, Thai names in CP874, *no* .cpg and DBF
                             language byte 0 (so the app must detect TIS-620)
  parks.shp                  UTM 47N, Thai names in CP874 with parks.cpg
  canals_indian1975.shp      Indian 1975 / UTM 47N (EPSG:24047), UTF-8 + .cpg
  transit.gpkg               GeoPackage, layers transit_lines, transit_stations
  emission_hotspots.geojson  GeoJSON (RFC 7946, lon/lat)
  air_quality.csv            CSV with lon and lat columns

Usage:  python3 build-aux/make-sample.py [OUTPUT_DIR]   (default data/sample)
"""

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "data", "sample")

# --------------------------------------------------------------------------
# Transit: (code, English, Thai, lat, lon), in line order.
# --------------------------------------------------------------------------

BTS_SUKHUMVIT = [
    ("N13", "Kasetsart University", "มหาวิทยาลัยเกษตรศาสตร์", 13.8420, 100.5767),
    ("N12", "Sena Nikhom", "เสนานิคม", 13.8364, 100.5729),
    ("N11", "Ratchayothin", "รัชโยธิน", 13.8299, 100.5696),
    ("N10", "Phahon Yothin 24", "พหลโยธิน 24", 13.8243, 100.5644),
    ("N9", "Ha Yaek Lat Phrao", "ห้าแยกลาดพร้าว", 13.8163, 100.5617),
    ("N8", "Mo Chit", "หมอชิต", 13.8026, 100.5538),
    ("N7", "Saphan Khwai", "สะพานควาย", 13.7938, 100.5497),
    ("N5", "Ari", "อารีย์", 13.7795, 100.5446),
    ("N4", "Sanam Pao", "สนามเป้า", 13.7727, 100.5420),
    ("N3", "Victory Monument", "อนุสาวรีย์ชัยสมรภูมิ", 13.7628, 100.5372),
    ("N2", "Phaya Thai", "พญาไท", 13.7568, 100.5338),
    ("N1", "Ratchathewi", "ราชเทวี", 13.7517, 100.5316),
    ("CEN", "Siam", "สยาม", 13.7456, 100.5341),
    ("E1", "Chit Lom", "ชิดลม", 13.7441, 100.5431),
    ("E2", "Phloen Chit", "เพลินจิต", 13.7430, 100.5490),
    ("E3", "Nana", "นานา", 13.7405, 100.5551),
    ("E4", "Asok", "อโศก", 13.7371, 100.5603),
    ("E5", "Phrom Phong", "พร้อมพงษ์", 13.7305, 100.5697),
    ("E6", "Thong Lo", "ทองหล่อ", 13.7242, 100.5784),
    ("E7", "Ekkamai", "เอกมัย", 13.7196, 100.5851),
    ("E8", "Phra Khanong", "พระโขนง", 13.7152, 100.5917),
    ("E9", "On Nut", "อ่อนนุช", 13.7056, 100.6011),
    ("E10", "Bang Chak", "บางจาก", 13.6968, 100.6053),
    ("E11", "Punnawithi", "ปุณณวิถี", 13.6894, 100.6089),
    ("E12", "Udom Suk", "อุดมสุข", 13.6800, 100.6094),
    ("E13", "Bang Na", "บางนา", 13.6683, 100.6046),
    ("E14", "Bearing", "แบริ่ง", 13.6612, 100.6016),
]

BTS_SILOM = [
    ("W1", "National Stadium", "สนามกีฬาแห่งชาติ", 13.7465, 100.5291),
    ("CEN", "Siam", "สยาม", 13.7456, 100.5341),
    ("S1", "Ratchadamri", "ราชดำริ", 13.7395, 100.5394),
    ("S2", "Sala Daeng", "ศาลาแดง", 13.7286, 100.5343),
    ("S3", "Chong Nonsi", "ช่องนนทรี", 13.7237, 100.5293),
    ("S4", "Saint Louis", "เซนต์หลุยส์", 13.7207, 100.5268),
    ("S5", "Surasak", "สุรศักดิ์", 13.7193, 100.5215),
    ("S6", "Saphan Taksin", "สะพานตากสิน", 13.7187, 100.5143),
    ("S7", "Krung Thon Buri", "กรุงธนบุรี", 13.7209, 100.5027),
    ("S8", "Wongwian Yai", "วงเวียนใหญ่", 13.7212, 100.4958),
    ("S9", "Pho Nimit", "โพธิ์นิมิตร", 13.7191, 100.4862),
    ("S10", "Talat Phlu", "ตลาดพลู", 13.7144, 100.4765),
    ("S11", "Wutthakat", "วุฒากาศ", 13.7128, 100.4686),
    ("S12", "Bang Wa", "บางหว้า", 13.7206, 100.4577),
]

# The Blue Line is a loop (Hua Lamphong back to Hua Lamphong through Tha Phra)
# plus a tail from Tha Phra west to Lak Song.
MRT_BLUE_LOOP = [
    ("BL28", "Hua Lamphong", "หัวลำโพง", 13.7375, 100.5170),
    ("BL27", "Sam Yan", "สามย่าน", 13.7326, 100.5298),
    ("BL26", "Si Lom", "สีลม", 13.7293, 100.5366),
    ("BL25", "Lumphini", "ลุมพินี", 13.7256, 100.5455),
    ("BL24", "Khlong Toei", "คลองเตย", 13.7223, 100.5538),
    ("BL23", "Queen Sirikit National Convention Centre",
     "ศูนย์การประชุมแห่งชาติสิริกิติ์", 13.7231, 100.5600),
    ("BL22", "Sukhumvit", "สุขุมวิท", 13.7380, 100.5614),
    ("BL21", "Phetchaburi", "เพชรบุรี", 13.7487, 100.5634),
    ("BL20", "Phra Ram 9", "พระราม 9", 13.7573, 100.5650),
    ("BL19", "Thailand Cultural Centre", "ศูนย์วัฒนธรรมแห่งประเทศไทย", 13.7660, 100.5700),
    ("BL18", "Huai Khwang", "ห้วยขวาง", 13.7784, 100.5737),
    ("BL17", "Sutthisan", "สุทธิสาร", 13.7892, 100.5740),
    ("BL16", "Ratchadaphisek", "รัชดาภิเษก", 13.7986, 100.5744),
    ("BL15", "Lat Phrao", "ลาดพร้าว", 13.8062, 100.5731),
    ("BL14", "Phahon Yothin", "พหลโยธิน", 13.8139, 100.5614),
    ("BL13", "Chatuchak Park", "สวนจตุจักร", 13.8030, 100.5537),
    ("BL12", "Kamphaeng Phet", "กำแพงเพชร", 13.7975, 100.5482),
    ("BL11", "Bang Sue", "บางซื่อ", 13.8030, 100.5387),
    ("BL10", "Tao Poon", "เตาปูน", 13.8062, 100.5304),
    ("BL09", "Bang Pho", "บางโพ", 13.8067, 100.5216),
    ("BL08", "Bang O", "บางอ้อ", 13.7992, 100.5108),
    ("BL07", "Bang Phlat", "บางพลัด", 13.7883, 100.5053),
    ("BL06", "Sirindhorn", "สิรินธร", 13.7776, 100.4946),
    ("BL05", "Bang Yi Khan", "บางยี่ขัน", 13.7700, 100.4920),
    ("BL04", "Bang Khun Non", "บางขุนนนท์", 13.7632, 100.4739),
    ("BL03", "Fai Chai", "ไฟฉาย", 13.7553, 100.4701),
    ("BL02", "Charan 13", "จรัญฯ 13", 13.7400, 100.4707),
    ("BL01", "Tha Phra", "ท่าพระ", 13.7286, 100.4740),
    ("BL32", "Itsaraphap", "อิสรภาพ", 13.7382, 100.4855),
    ("BL31", "Sanam Chai", "สนามไชย", 13.7442, 100.4942),
    ("BL30", "Sam Yot", "สามยอด", 13.7469, 100.5016),
    ("BL29", "Wat Mangkon", "วัดมังกร", 13.7433, 100.5108),
]

MRT_BLUE_TAIL = [
    ("BL01", "Tha Phra", "ท่าพระ", 13.7286, 100.4740),
    ("BL34", "Bang Wa", "บางหว้า", 13.7211, 100.4580),
    ("BL36", "Phasi Charoen", "ภาษีเจริญ", 13.7120, 100.4325),
    ("BL38", "Lak Song", "หลักสอง", 13.7109, 100.4068),
]

MRT_PURPLE = [
    ("PP16", "Tao Poon", "เตาปูน", 13.8062, 100.5304),
    ("PP15", "Bang Son", "บางซ่อน", 13.8196, 100.5267),
    ("PP14", "Wong Sawang", "วงศ์สว่าง", 13.8277, 100.5232),
    ("PP13", "Yaek Tiwanon", "แยกติวานนท์", 13.8390, 100.5165),
    ("PP12", "Ministry of Public Health", "กระทรวงสาธารณสุข", 13.8466, 100.5143),
    ("PP11", "Nonthaburi Civic Center", "ศูนย์ราชการนนทบุรี", 13.8596, 100.5144),
    ("PP10", "Bang Kraso", "บางกระสอ", 13.8669, 100.5124),
    ("PP09", "Yaek Nonthaburi 1", "แยกนนทบุรี 1", 13.8672, 100.4985),
    ("PP08", "Phra Nang Klao Bridge", "สะพานพระนั่งเกล้า", 13.8690, 100.4880),
    ("PP07", "Sai Ma", "ไทรม้า", 13.8752, 100.4782),
    ("PP06", "Bang Rak Noi Tha It", "บางรักน้อยท่าอิฐ", 13.8770, 100.4656),
    ("PP05", "Bang Rak Yai", "บางรักใหญ่", 13.8767, 100.4570),
    ("PP04", "Bang Phlu", "บางพลู", 13.8716, 100.4292),
    ("PP03", "Sam Yaek Bang Yai", "สามแยกบางใหญ่", 13.8763, 100.4116),
    ("PP02", "Talat Bang Yai", "ตลาดบางใหญ่", 13.8808, 100.4084),
    ("PP01", "Khlong Bang Phai", "คลองบางไผ่", 13.8927, 100.4094),
]

LINES = [
    # id, English, Thai, system, colour, opened, [station lists]
    ("BTS-SUK", "BTS Sukhumvit Line", "รถไฟฟ้าบีทีเอส สายสุขุมวิท", "BTS", "#7FBF3F", 1999,
     [BTS_SUKHUMVIT]),
    ("BTS-SIL", "BTS Silom Line", "รถไฟฟ้าบีทีเอส สายสีลม", "BTS", "#007D63", 1999,
     [BTS_SILOM]),
    ("MRT-BL", "MRT Blue Line", "รถไฟฟ้ามหานคร สายสีน้ำเงิน", "MRT", "#1E4F9C", 2004,
     [MRT_BLUE_LOOP + MRT_BLUE_LOOP[:1], MRT_BLUE_TAIL]),
    ("MRT-PP", "MRT Purple Line", "รถไฟฟ้ามหานคร สายสีม่วง", "MRT", "#6B2C91", 2016,
     [MRT_PURPLE]),
]

# --------------------------------------------------------------------------
# Parks: English, Thai, kind, ring of (lat, lon).  Approximate outlines.
# --------------------------------------------------------------------------

PARKS = [
    ("Lumphini Park", "สวนลุมพินี", "park",
     [(13.7352, 100.5390), (13.7345, 100.5460), (13.7282, 100.5452), (13.7298, 100.5380)]),
    ("Benchakitti Park", "สวนเบญจกิติ", "park",
     [(13.7370, 100.5575), (13.7375, 100.5612), (13.7262, 100.5618), (13.7245, 100.5588),
      (13.7255, 100.5572)]),
    ("Benjasiri Park", "สวนเบญจสิริ", "park",
     [(13.7318, 100.5665), (13.7316, 100.5688), (13.7296, 100.5690), (13.7298, 100.5666)]),
    ("Chatuchak Park", "สวนจตุจักร", "park",
     [(13.8095, 100.5515), (13.8090, 100.5555), (13.8035, 100.5562), (13.8030, 100.5520)]),
    ("Queen Sirikit Park", "สวนสมเด็จพระนางเจ้าสิริกิติ์", "park",
     [(13.8100, 100.5465), (13.8098, 100.5500), (13.8030, 100.5508), (13.8035, 100.5470)]),
    ("Wachirabenchathat Park (Suan Rot Fai)", "สวนวชิรเบญจทัศ (สวนรถไฟ)", "park",
     [(13.8175, 100.5500), (13.8172, 100.5590), (13.8110, 100.5595), (13.8108, 100.5505)]),
    ("Suan Luang Rama IX", "สวนหลวง ร.9", "park",
     [(13.6925, 100.6590), (13.6920, 100.6680), (13.6840, 100.6690), (13.6830, 100.6600)]),
    ("Santichaiprakan Park", "สวนสันติชัยปราการ", "park",
     [(13.7645, 100.4955), (13.7648, 100.4966), (13.7635, 100.4969), (13.7632, 100.4958)]),
    ("Saranrom Park", "สวนสราญรมย์", "park",
     [(13.7498, 100.4945), (13.7500, 100.4965), (13.7480, 100.4967), (13.7478, 100.4947)]),
    ("Sanam Luang", "ท้องสนามหลวง", "square",
     [(13.7575, 100.4920), (13.7580, 100.4940), (13.7525, 100.4950), (13.7520, 100.4930)]),
    ("Romaneenart Park", "สวนรมณีนาถ", "park",
     [(13.7505, 100.5010), (13.7507, 100.5035), (13.7487, 100.5037), (13.7485, 100.5012)]),
    ("Khao Din Park", "สวนเขาดิน", "park",
     [(13.7725, 100.5140), (13.7728, 100.5175), (13.7685, 100.5180), (13.7682, 100.5145)]),
    ("Sri Nakhon Khuean Khan Park", "สวนศรีนครเขื่อนขันธ์", "park",
     [(13.6915, 100.5680), (13.6913, 100.5722), (13.6875, 100.5726), (13.6875, 100.5685)]),
    ("Thonburirom Park", "สวนธนบุรีรมย์", "park",
     [(13.6640, 100.4870), (13.6640, 100.4905), (13.6600, 100.4905), (13.6600, 100.4870)]),
]

# --------------------------------------------------------------------------
# Districts (khet).  Rough outlines built from shared corner points so that
# neighbours meet; populations are rounded registered-population figures in
# the spirit of the BMA's yearly statistics (about 2022), areas are the
# official ones in km².  Districts not listed are simply left out.
# --------------------------------------------------------------------------

N = {
    # Chao Phraya east bank, north to south
    "RA": (13.8300, 100.5165), "RB": (13.8060, 100.5195), "RBs": (13.7950, 100.5125),
    "RC": (13.7820, 100.5030), "RD": (13.7700, 100.4985), "RE": (13.7630, 100.4935),
    "RF": (13.7520, 100.4890), "RG": (13.7390, 100.4985), "RH": (13.7300, 100.5120),
    "RI": (13.7190, 100.5140), "RJ": (13.7000, 100.5190),
    # inner corners
    "BS1": (13.8300, 100.5400), "J1": (13.7930, 100.5370), "J2": (13.7960, 100.5600),
    "J3": (13.7680, 100.5480), "J4": (13.7660, 100.5300), "J6": (13.7600, 100.5150),
    "H1": (13.7980, 100.5700), "HK1": (13.8080, 100.5930), "HK2": (13.7800, 100.6050),
    "HK3": (13.7540, 100.5990), "CC1": (13.8600, 100.5450), "CC2": (13.8550, 100.5980),
    "K1": (13.7520, 100.5600), "K2": (13.7560, 100.5680), "SS1": (13.7470, 100.5850),
    "SS2": (13.7350, 100.6000), "P1": (13.7500, 100.5180), "W1": (13.7410, 100.5570),
    "L0": (13.7270, 100.5440), "L1": (13.7225, 100.5560), "BR1": (13.7370, 100.5180),
    "PN3": (13.7420, 100.5100), "ST1": (13.7050, 100.5450), "PK1": (13.7152, 100.5917),
    "KT1": (13.6990, 100.5650), "KT2": (13.7050, 100.5900), "SL1": (13.7450, 100.6450),
    "SL2": (13.7050, 100.6500), "SL3": (13.7080, 100.6250), "PKS": (13.6800, 100.6250),
    "BN0": (13.6800, 100.5950), "BNE": (13.6750, 100.6550), "BNS": (13.6550, 100.6450),
    "BNW": (13.6600, 100.5950),
    # Thon Buri side (west bank)
    "BK1": (13.7760, 100.4935), "BK2": (13.7620, 100.4895), "BK3": (13.7530, 100.4860),
    "BK4": (13.7470, 100.4700), "BK5": (13.7520, 100.4550), "BK6": (13.7720, 100.4560),
    "TB1": (13.7330, 100.4880), "TB2": (13.7300, 100.4970), "TB3": (13.7150, 100.4980),
    "TB4": (13.7000, 100.4850), "TB5": (13.7080, 100.4700), "TB6": (13.7250, 100.4750),
    "KS1": (13.7370, 100.4960), "KS2": (13.7290, 100.5080), "KS3": (13.7190, 100.5105),
    "KS4": (13.7040, 100.5140), "KS5": (13.7010, 100.5010),
}

DISTRICTS = [
    # English, Thai, population, official area km², corner names
    ("Bang Sue", "บางซื่อ", 117000, 11.54, ["RA", "BS1", "J1", "RBs", "RB"]),
    ("Chatuchak", "จตุจักร", 155000, 32.91, ["CC1", "CC2", "HK1", "H1", "J2", "J1", "BS1"]),
    ("Dusit", "ดุสิต", 95000, 10.67, ["RBs", "J1", "J4", "J6", "RD", "RC"]),
    ("Phaya Thai", "พญาไท", 65000, 9.60, ["J1", "J2", "J3", "J4"]),
    ("Ratchathewi", "ราชเทวี", 63000, 7.13, ["J6", "J4", "J3", "K1", "P1"]),
    ("Din Daeng", "ดินแดง", 118000, 8.35, ["J3", "J2", "H1", "K2", "K1"]),
    ("Huai Khwang", "ห้วยขวาง", 76000, 13.81, ["H1", "HK1", "HK2", "HK3", "SS1", "K1", "K2"]),
    ("Phra Nakhon", "พระนคร", 47000, 5.54, ["RD", "J6", "PN3", "RG", "RF", "RE"]),
    ("Pathum Wan", "ปทุมวัน", 42000, 8.37, ["P1", "K1", "W1", "L1", "L0", "BR1"]),
    ("Bang Rak", "บางรัก", 42000, 5.54, ["BR1", "L0", "RI", "RH"]),
    ("Sathon", "สาทร", 75000, 9.33, ["L0", "L1", "ST1", "RJ", "RI"]),
    ("Khlong Toei", "คลองเตย", 91000, 12.99, ["W1", "PK1", "KT2", "KT1", "ST1", "L1"]),
    ("Watthana", "วัฒนา", 76000, 12.57, ["K1", "SS1", "SS2", "PK1", "W1"]),
    ("Suan Luang", "สวนหลวง", 117000, 23.68, ["SS2", "SL1", "SL2", "SL3", "PK1"]),
    ("Phra Khanong", "พระโขนง", 85000, 14.00, ["PK1", "SL3", "PKS", "BN0", "KT2"]),
    ("Bang Na", "บางนา", 89000, 18.79, ["BN0", "PKS", "BNE", "BNS", "BNW"]),
    ("Bangkok Noi", "บางกอกน้อย", 101000, 11.94, ["BK1", "BK2", "BK3", "BK4", "BK5", "BK6"]),
    ("Thon Buri", "ธนบุรี", 106000, 8.55, ["TB1", "TB2", "TB3", "KS5", "TB4", "TB5", "TB6"]),
    ("Khlong San", "คลองสาน", 70000, 6.05, ["TB2", "KS1", "KS2", "KS3", "KS4", "KS5", "TB3"]),
]

# --------------------------------------------------------------------------
# Waterways: English, Thai, kind, line of (lat, lon).
# --------------------------------------------------------------------------

CANALS = [
    ("Chao Phraya River", "แม่น้ำเจ้าพระยา", "river",
     [(13.8300, 100.5140), (13.8060, 100.5170), (13.7950, 100.5100), (13.7820, 100.5010),
      (13.7700, 100.4965), (13.7630, 100.4915), (13.7520, 100.4875), (13.7390, 100.4972),
      (13.7300, 100.5100), (13.7190, 100.5122), (13.7000, 100.5165), (13.6900, 100.5250),
      (13.6920, 100.5400), (13.6955, 100.5650), (13.6960, 100.5800), (13.6860, 100.5915),
      (13.6700, 100.5915), (13.6550, 100.5900)]),
    ("Khlong Saen Saep", "คลองแสนแสบ", "canal",
     [(13.7515, 100.5400), (13.7510, 100.5500), (13.7500, 100.5600), (13.7478, 100.5700),
      (13.7462, 100.5800), (13.7445, 100.5900), (13.7470, 100.6050), (13.7550, 100.6250),
      (13.7600, 100.6450)]),
    ("Khlong Phadung Krung Kasem", "คลองผดุงกรุงเกษม", "canal",
     [(13.7700, 100.4990), (13.7620, 100.5100), (13.7520, 100.5150), (13.7420, 100.5135),
      (13.7330, 100.5125)]),
    ("Khlong Bangkok Noi", "คลองบางกอกน้อย", "canal",
     [(13.7600, 100.4880), (13.7640, 100.4780), (13.7700, 100.4650), (13.7730, 100.4500)]),
    ("Khlong Bangkok Yai", "คลองบางกอกใหญ่", "canal",
     [(13.7390, 100.4945), (13.7350, 100.4850), (13.7280, 100.4780), (13.7200, 100.4700)]),
    ("Khlong Phra Khanong", "คลองพระโขนง", "canal",
     [(13.6985, 100.5935), (13.7080, 100.5930), (13.7152, 100.5920), (13.7230, 100.5960),
      (13.7300, 100.6000)]),
    ("Khlong Lat Phrao", "คลองลาดพร้าว", "canal",
     [(13.8500, 100.6000), (13.8200, 100.5950), (13.7950, 100.5990), (13.7700, 100.6050),
      (13.7480, 100.6060)]),
    ("Khlong Toei", "คลองเตย", "canal",
     [(13.7400, 100.5500), (13.7220, 100.5560), (13.7080, 100.5620), (13.6990, 100.5640)]),
]

# --------------------------------------------------------------------------
# Synthetic emission hotspots: clusters along main roads and around
# industrial, port and waste sites.  (lat, lon) polylines or centres.
# --------------------------------------------------------------------------

ROADS = [
    ("Sukhumvit Road", [(13.7440, 100.5430), (13.7371, 100.5603), (13.7196, 100.5851),
                        (13.7056, 100.6011), (13.6683, 100.6046)]),
    ("Rama IV Road", [(13.7375, 100.5170), (13.7256, 100.5455), (13.7223, 100.5538),
                      (13.7130, 100.5800)]),
    ("Phahonyothin Road", [(13.7628, 100.5372), (13.7938, 100.5497), (13.8163, 100.5617),
                           (13.8420, 100.5767)]),
    ("Vibhavadi Rangsit Road", [(13.7640, 100.5520), (13.8000, 100.5600), (13.8450, 100.5640)]),
    ("Ratchadaphisek Road", [(13.7380, 100.5614), (13.7660, 100.5700), (13.8062, 100.5731)]),
    ("Rama III Road", [(13.7000, 100.5190), (13.6900, 100.5300), (13.6930, 100.5500)]),
    ("Phetkasem Road", [(13.7211, 100.4580), (13.7120, 100.4325), (13.7109, 100.4068)]),
    ("Bang Na-Trat Road", [(13.6683, 100.6046), (13.6650, 100.6400), (13.6600, 100.6900)]),
]

SITES = [
    # name, sector, lat, lon, spread (degrees), count
    ("Khlong Toei port", "industry", 13.7020, 100.5600, 0.006, 18),
    ("Bang Chak refinery area", "industry", 13.6920, 100.6020, 0.004, 10),
    ("Lat Krabang industrial estate", "industry", 13.7230, 100.7580, 0.008, 16),
    ("Bang Sue rail and cement area", "industry", 13.8100, 100.5330, 0.004, 8),
    ("On Nut waste transfer station", "waste", 13.7030, 100.6620, 0.003, 7),
    ("Nong Khaem waste transfer station", "waste", 13.7080, 100.3480, 0.003, 6),
    ("Tha Raeng transfer station", "waste", 13.8630, 100.6690, 0.003, 5),
    ("Silom business district", "buildings", 13.7250, 100.5300, 0.005, 14),
    ("Ratchaprasong", "buildings", 13.7460, 100.5400, 0.004, 12),
    ("Rama IX new business district", "buildings", 13.7580, 100.5660, 0.004, 10),
    ("Asok and Sukhumvit offices", "buildings", 13.7360, 100.5620, 0.004, 10),
]

ROAD_POINTS = 84  # 200 hotspots in all

SECTOR_SCALE = {  # median tCO2e per year, spread (log-normal sigma)
    "transport": (2400.0, 0.6),
    "industry": (9000.0, 0.8),
    "buildings": (3500.0, 0.5),
    "waste": (6000.0, 0.5),
}

SECTOR_TH = {
    "transport": "คมนาคมขนส่ง",
    "industry": "อุตสาหกรรม",
    "buildings": "อาคาร",
    "waste": "ของเสีย",
}

# Synthetic annual PM2.5 readings at approximate places (µg/m³).
AIR_QUALITY = [
    ("Din Daeng", "ดินแดง", 13.7640, 100.5530),
    ("Pathum Wan", "ปทุมวัน", 13.7440, 100.5340),
    ("Lumphini", "ลุมพินี", 13.7320, 100.5420),
    ("Khlong Toei", "คลองเตย", 13.7100, 100.5620),
    ("Bang Na", "บางนา", 13.6680, 100.6050),
    ("Chatuchak", "จตุจักร", 13.8060, 100.5520),
    ("Bang Sue", "บางซื่อ", 13.8030, 100.5300),
    ("Dusit", "ดุสิต", 13.7700, 100.5120),
    ("Phra Nakhon", "พระนคร", 13.7560, 100.5010),
    ("Thon Buri", "ธนบุรี", 13.7200, 100.4900),
    ("Bangkok Noi", "บางกอกน้อย", 13.7620, 100.4700),
    ("Phasi Charoen", "ภาษีเจริญ", 13.7150, 100.4350),
    ("Huai Khwang", "ห้วยขวาง", 13.7780, 100.5800),
    ("Watthana", "วัฒนา", 13.7380, 100.5800),
    ("Suan Luang", "สวนหลวง", 13.7250, 100.6250),
    ("Prawet", "ประเวศ", 13.6900, 100.6650),
    ("Lat Krabang", "ลาดกระบัง", 13.7250, 100.7500),
    ("Bang Khen", "บางเขน", 13.8700, 100.6000),
    ("Don Mueang", "ดอนเมือง", 13.9150, 100.6000),
    ("Bang Khun Thian", "บางขุนเทียน", 13.6100, 100.4350),
]

SEED = 20261127


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def lonlat(pts):
    return [[round(lon, 6), round(lat, 6)] for lat, lon in pts]


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_geojson(path, features):
    doc = {"type": "FeatureCollection", "features": features}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")


def ogr2ogr(*args):
    cmd = ["ogr2ogr", "-q"] + list(args)
    env = dict(os.environ)
    env["CPL_LOG"] = os.devnull
    env["OGR_CURRENT_DATE"] = "2026-11-27T00:00:00.000Z"  # reproducible GeoPackage
    subprocess.run(cmd, check=True, env=env)


def remove_dataset(out, stem):
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".gpkg", ".geojson", ".csv"):
        p = os.path.join(out, stem + ext)
        if os.path.exists(p):
            os.remove(p)


def clear_dbf_language_byte(path):
    """Set the DBF header's language driver id (byte 29) to 0: 'not declared'."""
    with open(path, "r+b") as f:
        f.seek(29)
        f.write(b"\x00")


def interpolate(line, t):
    """Point at fraction t along a polyline given as (lat, lon) pairs (planar)."""
    segs = []
    total = 0.0
    for (a, b) in zip(line, line[1:]):
        d = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
        segs.append((a, b, d))
        total += d
    target = t * total
    for a, b, d in segs:
        if target <= d or d == 0:
            f = target / d if d else 0.0
            return (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]))
        target -= d
    return line[-1]


# --------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------

def make_districts(tmp):
    feats = []
    for en, th, pop, area, corners in DISTRICTS:
        ring = [N[c] for c in corners]
        ring.append(ring[0])
        feats.append(feature({
            "khet_en": en,
            "khet_th": th,
            "pop": pop,
            "area_km2": area,
            "density": round(pop / area),
            "pop_year": 2022,
        }, {"type": "Polygon", "coordinates": [lonlat(ring)]}))
    path = os.path.join(tmp, "districts.geojson")
    write_geojson(path, feats)
    return path


def make_parks(tmp):
    feats = []
    for en, th, kind, ring in PARKS:
        ring = list(ring) + [ring[0]]
        feats.append(feature({"name_en": en, "name_th": th, "kind": kind},
                             {"type": "Polygon", "coordinates": [lonlat(ring)]}))
    path = os.path.join(tmp, "parks.geojson")
    write_geojson(path, feats)
    return path


def make_canals(tmp):
    feats = []
    for en, th, kind, line in CANALS:
        feats.append(feature({"name_en": en, "name_th": th, "kind": kind},
                             {"type": "LineString", "coordinates": lonlat(line)}))
    path = os.path.join(tmp, "canals.geojson")
    write_geojson(path, feats)
    return path


def make_transit(tmp):
    lines = []
    stations = []
    for lid, en, th, system, colour, opened, parts in LINES:
        coords = [lonlat([(s[3], s[4]) for s in part]) for part in parts]
        lines.append(feature({
            "line_id": lid, "name_en": en, "name_th": th, "system": system,
            "colour": colour, "opened": opened,
        }, {"type": "MultiLineString", "coordinates": coords}))
        seen = set()
        for part in parts:
            for code, sen, sth, lat, lon in part:
                if code in seen:
                    continue
                seen.add(code)
                stations.append(feature({
                    "code": code, "name_en": sen, "name_th": sth,
                    "line_id": lid, "system": system,
                }, {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}))
    lpath = os.path.join(tmp, "transit_lines.geojson")
    spath = os.path.join(tmp, "transit_stations.geojson")
    write_geojson(lpath, lines)
    write_geojson(spath, stations)
    return lpath, spath, len(stations)


def make_hotspots(rng):
    feats = []
    n = 0

    def add(sector, lat, lon, near):
        nonlocal n
        n += 1
        median, sigma = SECTOR_SCALE[sector]
        t = median * rng.lognormvariate(0.0, sigma)
        feats.append(feature({
            "id": "H%03d" % n,
            "sector": sector,
            "sector_th": SECTOR_TH[sector],
            "tco2e": round(t, 1),
            "near": near,
            "year": 2025,
            "synthetic": True,
        }, {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}))

    for name, sector, lat, lon, spread, count in SITES:
        for _ in range(count):
            add(sector, lat + rng.gauss(0, spread), lon + rng.gauss(0, spread), name)
    per_road = ROAD_POINTS // len(ROADS)
    extra = ROAD_POINTS - per_road * len(ROADS)
    for i, (name, line) in enumerate(ROADS):
        k = per_road + (1 if i < extra else 0)
        for _ in range(k):
            lat, lon = interpolate(line, rng.random())
            add("transport", lat + rng.gauss(0, 0.0012), lon + rng.gauss(0, 0.0012), name)
    return feats


def make_air_quality(rng, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["station", "station_th", "lon", "lat", "pm25_annual"])
        for en, th, lat, lon in AIR_QUALITY:
            w.writerow([en, th, "%.5f" % lon, "%.5f" % lat, "%.1f" % rng.uniform(18.0, 38.0)])


def main():
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    if shutil.which("ogr2ogr") is None:
        sys.exit("make-sample.py: ogr2ogr not found; install gdal-bin")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)

    with tempfile.TemporaryDirectory(prefix="ga-sample-") as tmp:
        # Districts: UTM 47N, CP874 text, then drop the .cpg and the language
        # byte so nothing declares the encoding.
        remove_dataset(out, "districts")
        ogr2ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:32647",
                "-lco", "ENCODING=CP874", "-nln", "districts",
                os.path.join(out, "districts.shp"), make_districts(tmp))
        os.remove(os.path.join(out, "districts.cpg"))
        clear_dbf_language_byte(os.path.join(out, "districts.dbf"))

        # Parks: UTM 47N, CP874 text with a .cpg; area computed by OGR in metres.
        remove_dataset(out, "parks")
        parks_utm = os.path.join(tmp, "parks_utm.gpkg")
        ogr2ogr("-f", "GPKG", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:32647", "-nln", "parks",
                parks_utm, make_parks(tmp))
        ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=CP874", "-nln", "parks",
                "-dialect", "OGRSQL",
                "-sql", "SELECT name_en, name_th, kind, "
                        "CAST(OGR_GEOM_AREA / 10000.0 AS numeric(10,1)) AS area_ha FROM parks",
                os.path.join(out, "parks.shp"), parks_utm)

        # Waterways in Indian 1975 / UTM 47N (PROJ applies the datum shift).
        remove_dataset(out, "canals_indian1975")
        ogr2ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:24047",
                "-lco", "ENCODING=UTF-8", "-nln", "canals_indian1975",
                os.path.join(out, "canals_indian1975.shp"), make_canals(tmp))

        # Transit: one GeoPackage, two layers, lon/lat.
        remove_dataset(out, "transit")
        lpath, spath, nstations = make_transit(tmp)
        gpkg = os.path.join(out, "transit.gpkg")
        ogr2ogr("-f", "GPKG", "-nln", "transit_lines", gpkg, lpath)
        ogr2ogr("-f", "GPKG", "-update", "-nln", "transit_stations", gpkg, spath)

        # Hotspots: GeoJSON, written directly (it already is the final format).
        hot = make_hotspots(rng)
        write_geojson(os.path.join(out, "emission_hotspots.geojson"), hot)

        # Air quality: CSV with lon/lat columns.
        make_air_quality(rng, os.path.join(out, "air_quality.csv"))

    with open(os.path.join(out, "manifest.txt"), "w", encoding="utf-8") as f:
        for name in ("districts.shp", "parks.shp", "canals_indian1975.shp", "transit.gpkg",
                     "emission_hotspots.geojson", "air_quality.csv"):
            f.write(name + "\n")

    print("wrote %s: %d districts, %d parks, %d waterways, %d lines, %d stations, "
          "%d hotspots, %d air-quality stations"
          % (out, len(DISTRICTS), len(PARKS), len(CANALS), len(LINES), nstations,
             len(hot), len(AIR_QUALITY)))


if __name__ == "__main__":
    main()
