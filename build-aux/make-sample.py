#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate Green Atlas's bundled sample city: an *approximate* Bangkok.

Every coordinate below was entered by hand, rounded, from general knowledge of
the city; every population figure is rounded; the emission hotspots and the
air-quality readings are synthetic (fixed random seed).  The files are for
demonstrations and tests of the app, never for planning decisions.

The demonstration layers and the basemap layers share one set of coordinates
wherever they describe the same thing (the river's centre line, the khlong,
the roads the transit lines run along, the parks), so they agree on screen.

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
  basemap/*.geojson          the layers of the bundled offline basemap (lon/lat),
                             bottom to top in basemap/manifest.txt

Usage:  python3 build-aux/make-sample.py [--basemap-only] [OUTPUT_DIR]
        (default data/sample; --basemap-only writes OUTPUT_DIR/basemap only)
"""

import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "data", "sample")

# --------------------------------------------------------------------------
# Transit: (code, English, Thai, lat, lon), in line order.  A bare name in a
# list is a junction of JUNCTIONS (below) the line bends through between two
# stations: the line follows the same road the basemap draws.
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
    "VICTORY",
    ("N3", "Victory Monument", "อนุสาวรีย์ชัยสมรภูมิ", 13.7628, 100.5372),
    ("N2", "Phaya Thai", "พญาไท", 13.7568, 100.5338),
    ("N1", "Ratchathewi", "ราชเทวี", 13.7519, 100.5316),
    "PATHUMWAN",
    ("CEN", "Siam", "สยาม", 13.7456, 100.5341),
    "RATCHAPRASONG",
    ("E1", "Chit Lom", "ชิดลม", 13.7441, 100.5431),
    ("E2", "Phloen Chit", "เพลินจิต", 13.7430, 100.5490),
    "PHLOENCHIT_END",
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
    "RATCHAPRASONG",
    ("S1", "Ratchadamri", "ราชดำริ", 13.7395, 100.5394),
    "RATCHADAMRI_S",
    "SALA_DAENG_X",
    ("S2", "Sala Daeng", "ศาลาแดง", 13.7286, 100.5343),
    "SILOM_NARATHIWAT",
    ("S3", "Chong Nonsi", "ช่องนนทรี", 13.7237, 100.5293),
    "SATHON_NARATHIWAT",
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
    "RAMA4_RATCHADA",
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
     [(13.7372, 100.5552), (13.7376, 100.5598), (13.7243, 100.5600), (13.7236, 100.5565),
      (13.7250, 100.5552)]),
    ("Benjasiri Park", "สวนเบญจสิริ", "park",
     [(13.7318, 100.5665), (13.7316, 100.5688), (13.7296, 100.5690), (13.7298, 100.5666)]),
    ("Chatuchak Park", "สวนจตุจักร", "park",
     [(13.8098, 100.5508), (13.8095, 100.5550), (13.8042, 100.5553), (13.8040, 100.5512)]),
    ("Queen Sirikit Park", "สวนสมเด็จพระนางเจ้าสิริกิติ์", "park",
     [(13.8100, 100.5462), (13.8098, 100.5502), (13.8040, 100.5506), (13.8042, 100.5466)]),
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
    # On the Chao Phraya (RIVER_NODES: moved onto the river's centre line, so
    # the outlines meet the river the basemap draws), north to south
    "RA": (13.8300, 100.4990), "RB": (13.8060, 100.5166), "RBs": (13.7950, 100.5118),
    "RC": (13.7820, 100.5038), "RD": (13.7705, 100.4992), "RE": (13.7630, 100.4932),
    "RF": (13.7520, 100.4882), "RG": (13.7393, 100.4980), "RH": (13.7300, 100.5116),
    "RI": (13.7190, 100.5123), "RJ": (13.7060, 100.5025),
    # inner corners
    "BS1": (13.8300, 100.5400), "J1": (13.7930, 100.5370), "J2": (13.7960, 100.5600),
    "J3": (13.7680, 100.5480), "J4": (13.7660, 100.5300), "J6": (13.7600, 100.5150),
    "H1": (13.7980, 100.5700), "HK1": (13.8080, 100.5930), "HK2": (13.7800, 100.6050),
    "HK3": (13.7540, 100.5990), "CC1": (13.8600, 100.5450), "CC2": (13.8550, 100.5980),
    "K1": (13.7520, 100.5600), "K2": (13.7560, 100.5680), "SS1": (13.7470, 100.5850),
    "SS2": (13.7350, 100.6000), "P1": (13.7500, 100.5180), "W1": (13.7410, 100.5570),
    "L0": (13.7270, 100.5440), "L1": (13.7225, 100.5560), "BR1": (13.7370, 100.5180),
    "PN3": (13.7420, 100.5100), "ST1": (13.7050, 100.5450), "PK1": (13.7152, 100.5917),
    "KT1": (13.6990, 100.5640), "KT2": (13.7050, 100.5900), "SL1": (13.7450, 100.6450),
    "SL2": (13.7050, 100.6500), "SL3": (13.7080, 100.6250), "PKS": (13.6800, 100.6250),
    "BN0": (13.6800, 100.5960), "BNE": (13.6750, 100.6550), "BNS": (13.6550, 100.6450),
    "BNW": (13.6640, 100.5900),
    # Thon Buri side (west bank)
    "BK1": (13.7760, 100.5005), "BK2": (13.7620, 100.4925), "BK3": (13.7530, 100.4885),
    "BK4": (13.7470, 100.4700), "BK5": (13.7520, 100.4550), "BK6": (13.7720, 100.4560),
    "TB1": (13.7330, 100.4880), "TB2": (13.7300, 100.4970), "TB3": (13.7150, 100.4980),
    "TB4": (13.7000, 100.4850), "TB5": (13.7080, 100.4700), "TB6": (13.7250, 100.4750),
    "KS1": (13.7395, 100.4975), "KS2": (13.7290, 100.5118), "KS3": (13.7190, 100.5123),
    "KS4": (13.7060, 100.5025), "KS5": (13.7085, 100.4990),
}
RIVER_NODES = {"RA", "RB", "RBs", "RC", "RD", "RE", "RF", "RG", "RH", "RI", "RJ", "KT1", "BN0",
               "BNW", "BK1", "BK2", "BK3", "KS1", "KS2", "KS3", "KS4"}

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

# The Chao Phraya's line is the centre line of the basemap's river polygon
# (RIVER, below), between CANAL_RIVER_SPAN latitudes.  A khlong's line is
# shared with the basemap as is; an end given as RIVER_END is moved onto the
# river's centre line, so every khlong meets the river the basemap draws.
RIVER_END = "river"

CANALS = [
    ("Chao Phraya River", "แม่น้ำเจ้าพระยา", "river", None),
    ("Khlong Saen Saep", "คลองแสนแสบ", "canal",
     ["PADUNG_SAENSAEP", (13.7538, 100.5230), (13.7508, 100.5316), (13.7499, 100.5412),
      (13.7492, 100.5480), "SAENSAEP_TOEI", (13.7484, 100.5553), (13.7477, 100.5634),
      (13.7461, 100.5700), (13.7441, 100.5800), (13.7420, 100.5880), "KHLONG_TAN",
      (13.7445, 100.6000), "LATPHRAO_MOUTH", (13.7540, 100.6150), (13.7600, 100.6280),
      (13.7660, 100.6420), (13.7700, 100.6550)]),
    ("Khlong Phadung Krung Kasem", "คลองผดุงกรุงเกษม", "canal",
     [(RIVER_END, 13.7712, 100.5000), (13.7680, 100.5030), (13.7630, 100.5062),
      (13.7597, 100.5078), (13.7565, 100.5110), "PADUNG_SAENSAEP", (13.7490, 100.5160),
      (13.7430, 100.5160), (13.7393, 100.5157), (13.7360, 100.5146), (13.7336, 100.5127),
      (RIVER_END, 13.7322, 100.5105)]),
    ("Khlong Bangkok Noi", "คลองบางกอกน้อย", "canal",
     [(RIVER_END, 13.7605, 100.4885), (13.7622, 100.4845), (13.7640, 100.4800),
      (13.7655, 100.4760), (13.7690, 100.4705), (13.7740, 100.4645), (13.7790, 100.4585),
      (13.7850, 100.4500)]),
    ("Khlong Bangkok Yai", "คลองบางกอกใหญ่", "canal",
     [(RIVER_END, 13.7410, 100.4915), (13.7398, 100.4885), (13.7362, 100.4880),
      (13.7330, 100.4835), (13.7285, 100.4805), (13.7228, 100.4780), (13.7170, 100.4752),
      (13.7110, 100.4725)]),
    ("Khlong Phra Khanong", "คลองพระโขนง", "canal",
     [(RIVER_END, 13.6995, 100.5945), (13.7060, 100.5945), (13.7120, 100.5935),
      (13.7155, 100.5932), (13.7230, 100.5955), (13.7310, 100.5960), "KHLONG_TAN"]),
    ("Khlong Lat Phrao", "คลองลาดพร้าว", "canal",
     ["LATPHRAO_MOUTH", (13.7650, 100.6045), (13.7900, 100.6062), (13.8150, 100.6080),
      (13.8500, 100.6100)]),
    ("Khlong Toei", "คลองเตย", "canal",
     ["SAENSAEP_TOEI", "TOEI_1", "TOEI_2", "TOEI_3", "TOEI_4", (13.7065, 100.5590),
      (RIVER_END, 13.7010, 100.5625)]),
]
CANAL_RIVER_SPAN = (13.835, 13.640)  # north and south ends of the river's line

# --------------------------------------------------------------------------
# Synthetic emission hotspots: clusters along main roads and around
# industrial, port and waste sites.  (lat, lon) polylines or centres.
# --------------------------------------------------------------------------

# Roads the transport hotspots cluster along: names of BASEMAP_ROADS, so the
# hotspots sit on the roads the basemap draws.
ROADS = ["Sukhumvit Road", "Rama IV Road", "Phahonyothin Road", "Vibhavadi Rangsit Road",
         "Ratchadaphisek Road", "Rama III Road", "Phetkasem Road", "Bang Na-Trat Road"]

SITES = [
    # name, sector, lat, lon, spread (degrees), count
    ("Khlong Toei port", "industry", 13.7075, 100.5660, 0.004, 18),
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
    ("Lumphini", "ลุมพินี", 13.7290, 100.5448),
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
        ring = [node(c) for c in corners]
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
                             {"type": "LineString",
                              "coordinates": lonlat(canal_line(kind, line))}))
    path = os.path.join(tmp, "canals.geojson")
    write_geojson(path, feats)
    return path


def make_transit(tmp):
    lines = []
    stations = []
    for lid, en, th, system, colour, opened, parts in LINES:
        coords = [lonlat(path(part)) for part in parts]
        lines.append(feature({
            "line_id": lid, "name_en": en, "name_th": th, "system": system,
            "colour": colour, "opened": opened,
        }, {"type": "MultiLineString", "coordinates": coords}))
        seen = set()
        for part in parts:
            for entry in part:
                if isinstance(entry, str):
                    continue  # a junction the line bends through
                code, sen, sth, lat, lon = entry
                if code in seen:
                    continue
                seen.add(code)
                stations.append(feature({
                    "code": code, "name_en": sen, "name_th": sth,
                    "line_id": lid, "system": system,
                    # the line's colour, so stops get a ring in their line's colour
                    "colour": colour,
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
    for i, name in enumerate(ROADS):
        line = road_line(name)
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


# --------------------------------------------------------------------------
# Basemap (data/sample/basemap/): the layers green-atlas-render turns into the
# bundled offline MBTiles basemap.  Plain GeoJSON in lon/lat (EPSG:4326),
# written with the standard library only.  Approximate, like everything here.
# --------------------------------------------------------------------------

# Named junctions (lat, lon) that roads, transit lines and khlongs share.
JUNCTIONS = {
    "VICTORY": (13.7649, 100.5383),            # Victory Monument circle
    "PATHUMWAN": (13.7462, 100.5312),          # Rama I x Phaya Thai
    "RATCHAPRASONG": (13.7447, 100.5398),      # Rama I x Ratchadamri
    "PHLOENCHIT_END": (13.7422, 100.5520),     # Phloen Chit becomes Sukhumvit
    "RATCHADAMRI_S": (13.7340, 100.5386),
    "SALA_DAENG_X": (13.7296, 100.5370),       # Rama IV x Silom x Ratchadamri
    "SILOM_NARATHIWAT": (13.7258, 100.5302),
    "SATHON_NARATHIWAT": (13.7220, 100.5287),
    "RAMA4_RATCHADA": (13.7218, 100.5597),     # Rama IV x Ratchadaphisek
    "PINKLAO_W": (13.7650, 100.4880),          # Phra Pin Klao bridge, Thon Buri end
    "KRUNGTHON_E": (13.7818, 100.5052),        # Krung Thon bridge, Dusit end
    "THANON_TOK": (13.7010, 100.5005),         # Charoen Krung x Rama III
    "NA_RANONG": (13.7118, 100.5555),          # Rama III x Ratchadaphisek x Rama IV
    "PADUNG_SAENSAEP": (13.7545, 100.5148),    # khlong junction at Mahanak
    "SAENSAEP_TOEI": (13.7488, 100.5520),
    "TOEI_1": (13.7400, 100.5518), "TOEI_2": (13.7300, 100.5514),
    "TOEI_3": (13.7215, 100.5515), "TOEI_4": (13.7130, 100.5545),
    "KHLONG_TAN": (13.7400, 100.5940),         # Saen Saep x Khlong Tan
    "LATPHRAO_MOUTH": (13.7478, 100.6048),     # Saen Saep x Khlong Lat Phrao
    "RAMA9_BRIDGE": (13.6821, 100.5185),
}

# Chao Phraya centre line, north to south, (lat, lon, width m): past
# Nonthaburi and the Phra Nang Klao, Rama V and Rama VII bridges, the old town
# (Krung Thon, Rama VIII, Phra Pin Klao, Memorial, Taksin bridges), west to the
# Krungthep bridge, the Rama IX bridge, then the loop around Bang Krachao and on
# to Samut Prakan.  The basemap's river polygon (this line, smoothed, offset by
# half the width each side) and the river line of canals_indian1975.shp are
# both drawn from it.
RIVER = [
    (14.0100, 100.5280, 300), (13.9800, 100.5180, 300), (13.9500, 100.5080, 300),
    (13.9250, 100.5010, 300), (13.9100, 100.4985, 290), (13.8980, 100.4930, 290),
    (13.8870, 100.4865, 290), (13.8780, 100.4830, 290), (13.8710, 100.4826, 290),
    (13.8650, 100.4852, 290), (13.8600, 100.4912, 290), (13.8530, 100.4948, 290),
    (13.8430, 100.4956, 290), (13.8325, 100.4960, 280), (13.8265, 100.5012, 280),
    (13.8210, 100.5085, 270), (13.8160, 100.5143, 270), (13.8110, 100.5170, 260),
    (13.8050, 100.5166, 250), (13.7995, 100.5142, 250), (13.7950, 100.5118, 250),
    (13.7890, 100.5087, 250), (13.7840, 100.5052, 250), (13.7809, 100.5030, 250),
    (13.7750, 100.5006, 250), (13.7692, 100.4986, 250), (13.7640, 100.4938, 240),
    (13.7614, 100.4918, 240), (13.7565, 100.4893, 240), (13.7520, 100.4882, 240),
    (13.7465, 100.4893, 240), (13.7420, 100.4925, 240), (13.7393, 100.4980, 240),
    (13.7386, 100.5030, 240), (13.7366, 100.5070, 240), (13.7335, 100.5100, 240),
    (13.7295, 100.5118, 240), (13.7250, 100.5126, 240), (13.7188, 100.5123, 240),
    (13.7140, 100.5102, 260), (13.7092, 100.5068, 270), (13.7055, 100.5022, 280),
    (13.7030, 100.4975, 290), (13.7000, 100.4950, 300), (13.6960, 100.4978, 300),
    (13.6915, 100.5035, 300), (13.6870, 100.5105, 300), (13.6821, 100.5185, 300),
    (13.6775, 100.5258, 320), (13.6735, 100.5328, 330), (13.6712, 100.5390, 340),
    (13.6730, 100.5450, 350), (13.6785, 100.5498, 360), (13.6855, 100.5528, 370),
    (13.6925, 100.5560, 380), (13.6978, 100.5610, 390), (13.7005, 100.5680, 400),
    (13.7015, 100.5760, 400), (13.7008, 100.5850, 400), (13.6985, 100.5922, 400),
    (13.6925, 100.5955, 400), (13.6850, 100.5962, 400), (13.6760, 100.5950, 400),
    (13.6680, 100.5922, 400), (13.6610, 100.5872, 400), (13.6562, 100.5802, 400),
    (13.6535, 100.5712, 400), (13.6538, 100.5622, 400), (13.6568, 100.5532, 400),
    (13.6600, 100.5460, 400), (13.6605, 100.5398, 400), (13.6550, 100.5362, 400),
    (13.6450, 100.5358, 420), (13.6348, 100.5375, 420), (13.6230, 100.5440, 420),
    (13.6100, 100.5580, 420), (13.5990, 100.5760, 430), (13.5850, 100.5890, 430),
    (13.5650, 100.5930, 440), (13.5450, 100.5880, 440), (13.5200, 100.5800, 450),
    (13.4900, 100.5750, 450),
]
# Where the loop around Bang Krachao leaves and rejoins the neck (the two
# Bhumibol bridges): the loop between them closes the Bang Krachao polygon.
BANG_KRACHAO_NECK = ((13.6712, 100.5390), (13.6605, 100.5398))

# Lakes and ponds: English, Thai, (lat, lon) centre, half-axes (m), rotation (deg).
LAKES = [
    ("Lumphini Park lake", "สระน้ำสวนลุมพินี", (13.7312, 100.5418), (190.0, 85.0), 15.0),
    ("Benchakitti Park lake", "บึงสวนเบญจกิติ", (13.7300, 100.5572), (110.0, 300.0), 5.0),
    ("Benjasiri Park pond", "สระน้ำสวนเบญจสิริ", (13.7306, 100.5679), (60.0, 35.0), 0.0),
    ("Suan Luang Rama IX lake", "บึงสวนหลวง ร.9", (13.6870, 100.6635), (260.0, 140.0), -20.0),
    ("Chatuchak Park pond", "สระน้ำสวนจตุจักร", (13.8070, 100.5530), (150.0, 60.0), 80.0),
    ("Queen Sirikit Park pond", "สระน้ำสวนสมเด็จฯ", (13.8068, 100.5484), (90.0, 60.0), 30.0),
    ("Suan Rot Fai pond", "บึงสวนรถไฟ", (13.8150, 100.5545), (200.0, 60.0), 0.0),
    ("Bueng Makkasan", "บึงมักกะสัน", (13.7540, 100.5530), (500.0, 70.0), 82.0),
    ("Bueng Phra Ram 9", "บึงพระราม 9", (13.7625, 100.5880), (230.0, 150.0), 10.0),
]

# Main roads: English, Thai, class, line.  A line's points are (lat, lon), a
# station code (the road passes the station the line stops at) or a JUNCTIONS
# name; transit lines are drawn along these same points.
BASEMAP_ROADS = [
    # expressways
    ("Chaloem Maha Nakhon Expressway", "ทางพิเศษเฉลิมมหานคร", "motorway",
     [(13.7850, 100.5545), (13.7750, 100.5550), (13.7600, 100.5560), (13.7500, 100.5545),
      "TOEI_1", "TOEI_2", "TOEI_3", "TOEI_4", (13.7085, 100.5572), (13.7082, 100.5650),
      (13.7075, 100.5800), (13.7040, 100.5950), (13.6900, 100.6030), (13.6750, 100.6055),
      (13.6683, 100.6060)]),
    ("Chaloem Maha Nakhon Expressway (Dao Khanong)", "ทางพิเศษเฉลิมมหานคร (ดาวคะนอง)",
     "motorway",
     [(13.7085, 100.5572), (13.7062, 100.5420), (13.7010, 100.5300), (13.6890, 100.5215),
      "RAMA9_BRIDGE", (13.6760, 100.5150), (13.6700, 100.4990), (13.6650, 100.4800)]),
    ("Si Rat Expressway", "ทางพิเศษศรีรัช", "motorway",
     [(13.8450, 100.5370), (13.8200, 100.5405), (13.8000, 100.5440), (13.7800, 100.5452),
      (13.7650, 100.5468), (13.7570, 100.5530), (13.7560, 100.5560)]),
    ("Burapha Withi Expressway", "ทางพิเศษบูรพาวิถี", "motorway",
     [(13.6683, 100.6060), (13.6655, 100.6300), (13.6640, 100.6600), (13.6610, 100.6950)]),
    ("Chalong Rat Expressway", "ทางพิเศษฉลองรัช", "motorway",
     [(13.7082, 100.5800), (13.7250, 100.5880), (13.7420, 100.5960), (13.7520, 100.6060),
      (13.7650, 100.6058), (13.7900, 100.6075), (13.8150, 100.6095), (13.8450, 100.6150),
      (13.8700, 100.6250)]),
    ("Kanchanaphisek Road", "ถนนกาญจนาภิเษก", "motorway",
     [(13.8300, 100.4125), (13.8600, 100.4122), "PP03", "PP02", "PP01", (13.9300, 100.4100)]),
    # primary
    ("Sukhumvit Road", "ถนนสุขุมวิท", "primary",
     ["PHLOENCHIT_END", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13",
      "E14", (13.6450, 100.5990)]),
    ("Rama I and Phloen Chit Road", "ถนนพระรามที่ 1 และถนนเพลินจิต", "primary",
     [(13.7478, 100.5160), (13.7468, 100.5240), "W1", "PATHUMWAN", "CEN", "RATCHAPRASONG", "E1",
      "E2", "PHLOENCHIT_END"]),
    ("Rama IV Road", "ถนนพระรามที่ 4", "primary",
     ["BL28", "BL27", "BL26", "BL25", "BL24", "RAMA4_RATCHADA", (13.7180, 100.5650),
      (13.7130, 100.5800), (13.7140, 100.5905)]),
    ("New Phetchaburi Road", "ถนนเพชรบุรีตัดใหม่", "primary",
     [(13.7525, 100.5280), (13.7507, 100.5400), (13.7497, 100.5520), "BL21",
      (13.7471, 100.5800), (13.7446, 100.5880), "KHLONG_TAN"]),
    ("Ramkhamhaeng Road", "ถนนรามคำแหง", "primary",
     ["KHLONG_TAN", (13.7440, 100.6030), (13.7520, 100.6180), (13.7580, 100.6320),
      (13.7640, 100.6450)]),
    ("Ratchadaphisek Road", "ถนนรัชดาภิเษก", "primary",
     ["NA_RANONG", "RAMA4_RATCHADA", "BL23", "BL22", "BL21", "BL20", "BL19", "BL18", "BL17",
      "BL16", "BL15", (13.8180, 100.5715), "N11", (13.8292, 100.5500), (13.8284, 100.5350),
      "PP14"]),
    ("Phahonyothin Road", "ถนนพหลโยธิน", "primary",
     ["VICTORY", "N4", "N5", "N7", "N8", "N9", "N10", "N11", "N12", "N13",
      (13.8600, 100.5880)]),
    ("Vibhavadi Rangsit Road", "ถนนวิภาวดีรังสิต", "primary",
     [(13.7660, 100.5525), (13.7800, 100.5570), (13.7950, 100.5590), (13.8150, 100.5615),
      (13.8350, 100.5630), (13.8600, 100.5650)]),
    ("Rama IX Road", "ถนนพระรามที่ 9", "primary",
     ["BL20", (13.7565, 100.5760), (13.7545, 100.5880), (13.7520, 100.6000),
      (13.7490, 100.6150), (13.7460, 100.6380)]),
    ("Lat Phrao Road", "ถนนลาดพร้าว", "primary",
     ["BL14", "BL15", (13.7985, 100.5880), (13.7910, 100.6030), (13.7860, 100.6200),
      (13.7800, 100.6420)]),
    ("Sathon Road and Taksin Bridge", "ถนนสาทรและสะพานสมเด็จพระเจ้าตากสิน", "primary",
     ["BL25", (13.7240, 100.5400), (13.7228, 100.5340), "SATHON_NARATHIWAT", "S4", "S5", "S6",
      "S7", "S8"]),
    ("Srinagarindra Road", "ถนนศรีนครินทร์", "primary",
     [(13.7800, 100.6440), (13.7460, 100.6440), (13.7150, 100.6445), (13.6850, 100.6480),
      (13.6500, 100.6490)]),
    ("Bang Na-Trat Road", "ถนนบางนา-ตราด", "primary",
     ["E13", (13.6665, 100.6300), (13.6650, 100.6600), (13.6620, 100.6950)]),
    ("Phetkasem Road", "ถนนเพชรเกษม", "primary",
     ["BL01", "BL34", "BL36", "BL38"]),
    ("Borommaratchachonnani Road", "ถนนบรมราชชนนี", "primary",
     ["PINKLAO_W", (13.7690, 100.4760), (13.7740, 100.4600), (13.7770, 100.4400),
      (13.7800, 100.4100)]),
    ("Krung Thep-Nonthaburi Road", "ถนนกรุงเทพ-นนทบุรี", "primary",
     ["PP16", "PP15", "PP14", "PP13"]),
    ("Tiwanon Road", "ถนนติวานนท์", "primary",
     ["PP13", "PP12", "PP11", "PP10"]),
    ("Rattanathibet Road and Phra Nang Klao Bridge", "ถนนรัตนาธิเบศร์และสะพานพระนั่งเกล้า",
     "primary",
     ["PP10", "PP09", "PP08", "PP07", "PP06", "PP05", "PP04", "PP03"]),
    # secondary
    ("Silom Road", "ถนนสีลม", "secondary",
     ["SALA_DAENG_X", "S2", "SILOM_NARATHIWAT", (13.7245, 100.5262), (13.7235, 100.5215),
      (13.7250, 100.5160)]),
    ("Narathiwat Ratchanakharin Road", "ถนนนราธิวาสราชนครินทร์", "secondary",
     [(13.7290, 100.5318), "SILOM_NARATHIWAT", "S3", "SATHON_NARATHIWAT", (13.7120, 100.5330),
      (13.6960, 100.5360), (13.6808, 100.5370)]),
    ("Charoen Krung Road", "ถนนเจริญกรุง", "secondary",
     [(13.7478, 100.4965), (13.7455, 100.5040), "BL29", (13.7400, 100.5140),
      (13.7320, 100.5152), (13.7250, 100.5160), (13.7190, 100.5152), (13.7120, 100.5122),
      (13.7060, 100.5062), "THANON_TOK"]),
    ("Rama III Road", "ถนนพระรามที่ 3", "secondary",
     ["THANON_TOK", (13.6945, 100.5052), (13.6890, 100.5130), (13.6852, 100.5212),
      (13.6815, 100.5295), (13.6808, 100.5370), (13.6845, 100.5432), (13.6910, 100.5470),
      (13.6990, 100.5500), (13.7060, 100.5528), "NA_RANONG"]),
    ("Ratchadamnoen Avenue and Phra Pin Klao Bridge", "ถนนราชดำเนินและสะพานพระปิ่นเกล้า",
     "secondary",
     ["PINKLAO_W", (13.7614, 100.4918), (13.7592, 100.4950), (13.7567, 100.5018),
      (13.7560, 100.5060), (13.7580, 100.5110), (13.7620, 100.5140)]),
    ("Phaya Thai Road", "ถนนพญาไท", "secondary",
     ["BL27", (13.7390, 100.5302), "PATHUMWAN", "N1", "N2", "N3", "VICTORY"]),
    ("Ratchadamri Road", "ถนนราชดำริ", "secondary",
     [(13.7505, 100.5405), "RATCHAPRASONG", "S1", "RATCHADAMRI_S", "SALA_DAENG_X"]),
    ("Witthayu (Wireless) Road", "ถนนวิทยุ", "secondary",
     [(13.7430, 100.5475), (13.7390, 100.5470), (13.7345, 100.5466), (13.7262, 100.5458)]),
    ("Thong Lo (Sukhumvit 55)", "ถนนทองหล่อ", "secondary",
     ["E6", (13.7350, 100.5820), (13.7458, 100.5850)]),
    ("Ratchawithi Road", "ถนนราชวิถี", "secondary",
     ["KRUNGTHON_E", (13.7760, 100.5150), (13.7710, 100.5290), "VICTORY",
      (13.7630, 100.5520)]),
    ("Si Ayutthaya Road", "ถนนศรีอยุธยา", "secondary",
     [(13.7720, 100.5035), (13.7640, 100.5190), (13.7590, 100.5300), "N2",
      (13.7540, 100.5420)]),
    ("Charan Sanit Wong Road", "ถนนจรัญสนิทวงศ์", "secondary",
     ["BL01", "BL02", "BL03", "BL04", "BL05", "BL06", "BL07", "BL08", (13.8075, 100.5120)]),
    ("Ratchaphruek Road", "ถนนราชพฤกษ์", "secondary",
     ["S8", "S9", "S10", "S11", "S12"]),
]

# Landmarks for labels: English, Thai, (lat, lon), rank (1 = most important).
LANDMARKS = [
    ("Grand Palace", "พระบรมมหาราชวัง", (13.7500, 100.4918), 1),
    ("Wat Arun", "วัดอรุณราชวราราม", (13.7437, 100.4880), 2),
    ("Democracy Monument", "อนุสาวรีย์ประชาธิปไตย", (13.7567, 100.5018), 2),
    ("Victory Monument", "อนุสาวรีย์ชัยสมรภูมิ", JUNCTIONS["VICTORY"], 1),
    ("Siam", "สยาม", (13.7456, 100.5341), 1),
    ("Hua Lamphong", "หัวลำโพง", (13.7393, 100.5175), 2),
    ("Chatuchak Weekend Market", "ตลาดนัดจตุจักร", (13.7999, 100.5500), 2),
    ("Krung Thep Aphiwat Central Terminal", "สถานีกลางกรุงเทพอภิวัฒน์", (13.8040, 100.5410), 1),
    ("Khlong Toei Port", "ท่าเรือคลองเตย", (13.7060, 100.5700), 2),
    ("Bang Krachao", "บางกระเจ้า", (13.6800, 100.5700), 1),
    ("Yaowarat (Chinatown)", "เยาวราช", (13.7410, 100.5090), 2),
    ("Makkasan", "มักกะสัน", (13.7510, 100.5610), 3),
]

# River and lake names as point labels: English, Thai, (lat, lon), rank.  The
# river's labels are moved onto its centre line.
WATER_NAMES = [
    ("Chao Phraya River", "แม่น้ำเจ้าพระยา", (13.8200, 100.5095), 1),
    ("Chao Phraya River", "แม่น้ำเจ้าพระยา", (13.7110, 100.5085), 1),
    ("Chao Phraya River", "แม่น้ำเจ้าพระยา", (13.6650, 100.5900), 2),
    ("Bueng Makkasan", "บึงมักกะสัน", (13.7540, 100.5530), 3),
]

# Other green land: Bang Krachao, the "green lung" inside the river loop (its
# outline is the loop of RIVER, closed across the neck).
GREEN_AREAS = [
    ("Bang Krachao", "บางกระเจ้า", "green", None),
]

M_PER_DEG_LAT = 110574.0


def m_per_deg_lon(lat):
    return 111320.0 * math.cos(math.radians(lat))


def ellipse(centre, axes, rotation, n=32):
    lat0, lon0 = centre
    a, b = axes
    rot = math.radians(rotation)
    ring = []
    for i in range(n):
        t = 2.0 * math.pi * i / n
        x, y = a * math.cos(t), b * math.sin(t)
        xr = x * math.cos(rot) - y * math.sin(rot)
        yr = x * math.sin(rot) + y * math.cos(rot)
        ring.append((lat0 + yr / M_PER_DEG_LAT, lon0 + xr / m_per_deg_lon(lat0)))
    ring.append(ring[0])
    return ring


def smooth(line, rounds=2):
    """Chaikin corner cutting: keeps the ends, rounds the bends (for the river).
    Points are tuples of any length (lat, lon[, width]); all parts are blended."""
    for _ in range(rounds):
        out = [line[0]]
        for a, b in zip(line, line[1:]):
            out.append(tuple(0.75 * u + 0.25 * v for u, v in zip(a, b)))
            out.append(tuple(0.25 * u + 0.75 * v for u, v in zip(a, b)))
        out.append(line[-1])
        line = out
    return line


def river_line():
    """The Chao Phraya's smoothed centre line, [(lat, lon, width m)]: the one
    geometry both the basemap's river polygon and canals_indian1975 use."""
    return smooth([tuple(float(v) for v in p) for p in RIVER])


def river_polygon(centre):
    """Offsets the centre line by half its width on both sides (local metres)."""
    lat0 = sum(p[0] for p in centre) / len(centre)
    kx, ky = m_per_deg_lon(lat0), M_PER_DEG_LAT
    pts = [(lon * kx, lat * ky) for lat, lon, _ in centre]
    left, right = [], []
    n = len(pts)
    for i, (x, y) in enumerate(pts):
        a = pts[max(i - 1, 0)]
        b = pts[min(i + 1, n - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / d, dx / d
        half = centre[i][2] / 2.0
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    ring = left + right[::-1] + [left[0]]
    return [(y / ky, x / kx) for x, y in ring]


def nearest_on_line(line, point):
    """(index of the segment, point) of the polyline [(lat, lon, ...)] nearest
    to point (lat, lon), in local metres."""
    kx, ky = m_per_deg_lon(point[0]), M_PER_DEG_LAT
    px, py = point[1] * kx, point[0] * ky
    best = None
    for i, (a, b) in enumerate(zip(line, line[1:])):
        ax, ay, bx, by = a[1] * kx, a[0] * ky, b[1] * kx, b[0] * ky
        dx, dy = bx - ax, by - ay
        d2 = dx * dx + dy * dy
        t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / d2))
        qx, qy = ax + t * dx, ay + t * dy
        dist = math.hypot(px - qx, py - qy)
        if best is None or dist < best[0]:
            best = (dist, i, (qy / ky, qx / kx))
    return best[1], best[2]


def on_river(point):
    """point (lat, lon) moved onto the river's centre line."""
    return nearest_on_line(river_line(), point)[1]


def station_positions():
    pos = {}
    for lid, en, th, system, colour, opened, parts in LINES:
        for part in parts:
            for entry in part:
                if not isinstance(entry, str):
                    pos[entry[0]] = (entry[3], entry[4])
    return pos


def path(items):
    """Resolves a line's points: (lat, lon), (RIVER_END, lat, lon) (moved onto
    the river), a station entry or code, or a JUNCTIONS name."""
    stations = station_positions()
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(JUNCTIONS[item] if item in JUNCTIONS else stations[item])
        elif len(item) == 3 and item[0] == RIVER_END:
            out.append(on_river(item[1:]))
        elif len(item) == 5:
            out.append((item[3], item[4]))  # a station entry
        else:
            out.append(tuple(item))
    return out


def road_line(name):
    for en, th, cls, line in BASEMAP_ROADS:
        if en == name:
            return path(line)
    raise KeyError(name)


def node(name):
    """A district corner; corners on the river sit on its centre line."""
    return on_river(N[name]) if name in RIVER_NODES else N[name]


def canal_line(kind, line):
    if line is not None:
        return path(line)
    north, south = CANAL_RIVER_SPAN
    river = river_line()
    first = next(i for i, p in enumerate(river) if p[0] <= north)
    last = max(i for i, p in enumerate(river) if p[0] >= south)
    return [(p[0], p[1]) for p in river[first:last + 1]]


def bang_krachao_ring():
    """The river loop between the two neck points, closed across the neck."""
    river = river_line()
    i, a = nearest_on_line(river, BANG_KRACHAO_NECK[0])
    j, b = nearest_on_line(river, BANG_KRACHAO_NECK[1])
    ring = [a] + [(p[0], p[1]) for p in river[i + 1:j + 1]] + [b]
    return ring + [ring[0]]


def polygon_centre(ring):
    """Area centroid of a simple ring of (lat, lon) (planar, fine at city scale)."""
    a = cx = cy = 0.0
    for (y0, x0), (y1, x1) in zip(ring, ring[1:] + ring[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0.0:
        return ring[0]
    return (cy / (3.0 * a), cx / (3.0 * a))


def write_named_geojson(path, name, features):
    doc = {"type": "FeatureCollection", "name": name, "features": features}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")


BASEMAP_LAYERS = [  # bottom to top
    "landuse", "districts", "water", "canals", "roads_secondary", "roads_primary",
    "roads_motorway", "places", "landmarks", "water_names",
]


def make_basemap(out):
    os.makedirs(out, exist_ok=True)
    layers = {name: [] for name in BASEMAP_LAYERS}

    for en, th, kind, ring in PARKS:
        ring = list(ring) + [ring[0]]
        layers["landuse"].append(feature({"class": "park", "name_en": en, "name_th": th},
                                         {"type": "Polygon", "coordinates": [lonlat(ring)]}))
    for en, th, kind, ring in GREEN_AREAS:
        ring = bang_krachao_ring()
        layers["landuse"].append(feature({"class": kind, "name_en": en, "name_th": th},
                                         {"type": "Polygon", "coordinates": [lonlat(ring)]}))

    river = river_polygon(river_line())
    layers["water"].append(feature(
        {"class": "river", "name_en": "Chao Phraya River", "name_th": "แม่น้ำเจ้าพระยา"},
        {"type": "Polygon", "coordinates": [lonlat(river)]}))
    for en, th, centre, axes, rotation in LAKES:
        layers["water"].append(feature({"class": "lake", "name_en": en, "name_th": th},
                                       {"type": "Polygon",
                                        "coordinates": [lonlat(ellipse(centre, axes,
                                                                       rotation))]}))

    for en, th, kind, line in CANALS:
        if kind != "canal":
            continue  # the river is a polygon in "water"
        layers["canals"].append(feature({"class": kind, "name_en": en, "name_th": th},
                                        {"type": "LineString",
                                         "coordinates": lonlat(canal_line(kind, line))}))

    for en, th, pop, area, corners in DISTRICTS:
        ring = [node(c) for c in corners]
        centre = polygon_centre(ring)
        ring.append(ring[0])
        layers["districts"].append(feature({"name_en": en, "name_th": th},
                                           {"type": "Polygon",
                                            "coordinates": [lonlat(ring)]}))
        layers["places"].append(feature({"class": "district", "name_en": en, "name_th": th,
                                         "rank": -pop},
                                        {"type": "Point",
                                         "coordinates": lonlat([centre])[0]}))

    for en, th, cls, line in BASEMAP_ROADS:
        layers["roads_" + cls].append(feature({"class": cls, "name_en": en, "name_th": th},
                                              {"type": "LineString",
                                               "coordinates": lonlat(path(line))}))

    for en, th, pos, rank in LANDMARKS:
        layers["landmarks"].append(feature({"class": "landmark", "name_en": en, "name_th": th,
                                            "rank": rank},
                                           {"type": "Point",
                                            "coordinates": lonlat([pos])[0]}))
    for en, th, pos, rank in WATER_NAMES:
        if en == "Chao Phraya River":
            pos = on_river(pos)
        layers["water_names"].append(feature({"class": "water", "name_en": en, "name_th": th,
                                              "rank": rank},
                                             {"type": "Point",
                                              "coordinates": lonlat([pos])[0]}))

    for name in BASEMAP_LAYERS:
        write_named_geojson(os.path.join(out, name + ".geojson"), name, layers[name])
    with open(os.path.join(out, "manifest.txt"), "w", encoding="utf-8") as f:
        for name in BASEMAP_LAYERS:
            f.write(name + ".geojson\n")
    print("wrote %s: %s" % (out, ", ".join("%d %s" % (len(layers[n]), n)
                                          for n in BASEMAP_LAYERS)))


def main():
    args = sys.argv[1:]
    basemap_only = "--basemap-only" in args
    args = [a for a in args if a != "--basemap-only"]
    out = os.path.abspath(args[0]) if args else DEFAULT_OUT
    if basemap_only:
        # Leaves the other sample files (and their DBF dates) alone.
        make_basemap(os.path.join(out, "basemap"))
        return
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
    make_basemap(os.path.join(out, "basemap"))


if __name__ == "__main__":
    main()
